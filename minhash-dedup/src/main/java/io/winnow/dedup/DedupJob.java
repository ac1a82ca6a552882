package io.winnow.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.exec.RunOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of {@code winnow dedup}.
 *
 * @param stage    stage name (for logs and stats)
 * @param plan     resolved MinHash/LSH parameters
 * @param settings the bound settings (engine, index, reports)
 * @param settingsJson the settings as recorded in stats.json and the run's identity
 * @param shards   input shards, expanded and sorted
 * @param output   stage output directory
 */
public record DedupJob(String stage, DedupPlan plan, DedupSettings settings, JsonNode settingsJson, List<Path> shards,
                       Path output, RunOptions options) {
    public DedupJob {
        shards = List.copyOf(shards);
    }

    public DedupJob withOptions(RunOptions o) {
        return new DedupJob(stage, plan, settings, settingsJson, shards, output, o);
    }
}
