package io.winnow.dedup.spark;

import io.winnow.core.config.Config;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageJob;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.Compression;
import io.winnow.dedup.DedupJob;
import io.winnow.dedup.output.DedupOutput;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a Spark task needs to run the output pass on one shard: the stage job, in serializable form. */
record ApplySpec(String stage, List<String> shards, String output, String decisions, String settingsJson, int workers,
                 long seed, String compression, int level, long maxShardBytes, int maxRecordBytes, boolean failFast)
        implements Serializable {

    static ApplySpec of(DedupJob job) {
        List<String> s = new ArrayList<>();
        for (Path p : job.shards()) s.add(p.toAbsolutePath().normalize().toString());
        RunOptions o = job.options();
        return new ApplySpec(job.stage(), s, job.output().toAbsolutePath().normalize().toString(),
                DedupOutput.decisions(job.output()).toAbsolutePath().normalize().toString(), job.settingsJson().toString(),
                o.workers(), o.seed(), o.compression().name(), o.compressionLevel(), o.maxShardBytes(), o.maxRecordBytes(), o.failFast());
    }

    /** The stage job of the output pass (same as the local engine's). */
    StageJob job() {
        List<Path> in = new ArrayList<>();
        for (String s : shards) in.add(Path.of(s));
        RunOptions o = new RunOptions(workers, seed, Compression.valueOf(compression), level, maxShardBytes, maxRecordBytes,
                failFast, false, Progress.Mode.OFF);
        try {
            return DedupOutput.applyJob(stage, in, Path.of(output), Path.of(decisions), Config.binder().readTree(settingsJson), o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
