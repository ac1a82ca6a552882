package io.winnow.core.stage;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.config.Config;
import java.util.List;

/**
 * A pipeline file: stages run in order, each reading the previous stage's {@code kept/}.
 * <pre>
 * name: quickstart
 * input: data/sample          # files or directories of shards (one or a list)
 * output: build/quickstart    # stage N writes to build/quickstart/0N-NAME
 * workers: 2                  # optional; default: all cores
 * seed: 42
 * engine: local               # optional; where shard tasks run (local or spark) for every stage that can
 * stages:
 *   - stage: steps
 *     name: prepare
 *     config_file: configs/steps/prepare.yaml   # and/or inline `config:` (applied on top)
 * </pre>
 * Paths are relative to the working directory (run from the repository root).
 */
public final class PipelineSpec implements Config.Validatable {
    public String name = "pipeline";
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public List<String> input;
    public String output;
    public Integer workers;
    public long seed = 42;
    public String compression = "zstd";
    public int compressionLevel = -1;
    public int shardSizeMb = 256;
    /** Default engine of the stages that can run elsewhere; null = local. */
    public String engine;
    public List<StageEntry> stages;

    public static final class StageEntry {
        public String stage;
        public String name;
        public String configFile;
        public JsonNode config;
        /** This stage's engine (wins over the pipeline's); it must be able to run there. */
        public String engine;
    }

    @Override
    public void validate() {
        if (input == null || input.isEmpty()) throw new IllegalArgumentException("input: give at least one file or directory");
        if (output == null || output.isBlank()) throw new IllegalArgumentException("output: give the pipeline's output directory");
        if (stages == null || stages.isEmpty()) throw new IllegalArgumentException("stages: list at least one stage");
        if (workers != null && workers < 1) throw new IllegalArgumentException("workers must be at least 1");
        if (shardSizeMb < 1) throw new IllegalArgumentException("shard_size_mb must be at least 1");
        for (int i = 0; i < stages.size(); i++) {
            StageEntry e = stages.get(i);
            if (e == null || e.stage == null || e.stage.isBlank()) {
                throw new IllegalArgumentException("stages[" + i + "].stage: name the stage kind (e.g. steps, clean)");
            }
        }
    }
}
