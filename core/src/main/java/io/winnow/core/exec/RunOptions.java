package io.winnow.core.exec;

import io.winnow.core.progress.Progress;
import io.winnow.core.shard.Compression;
import io.winnow.core.shard.ShardReader;

/**
 * How a stage runs, independent of what it does. Everything here except {@code workers},
 * {@code failFast}, {@code overwrite} and {@code progress} is part of the run's identity: a resumed
 * run must use the same values.
 */
public record RunOptions(int workers, long seed, Compression compression, int compressionLevel,
                         long maxShardBytes, int maxRecordBytes, boolean failFast, boolean overwrite,
                         Progress.Mode progress) {
    public static final long DEFAULT_MAX_SHARD_BYTES = 256L << 20;

    public RunOptions {
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        if (maxShardBytes < 1) throw new IllegalArgumentException("max shard size must be positive");
        if (maxRecordBytes < 1024) throw new IllegalArgumentException("max record size must be at least 1024 bytes");
    }

    public static RunOptions defaults() {
        return new RunOptions(Math.max(1, Runtime.getRuntime().availableProcessors()), 42L, Compression.ZSTD, -1,
                DEFAULT_MAX_SHARD_BYTES, ShardReader.DEFAULT_MAX_RECORD_BYTES, false, false, Progress.Mode.AUTO);
    }

    public RunOptions withWorkers(int w) {
        return new RunOptions(w, seed, compression, compressionLevel, maxShardBytes, maxRecordBytes, failFast, overwrite, progress);
    }

    public RunOptions withOverwrite(boolean o) {
        return new RunOptions(workers, seed, compression, compressionLevel, maxShardBytes, maxRecordBytes, failFast, o, progress);
    }
}
