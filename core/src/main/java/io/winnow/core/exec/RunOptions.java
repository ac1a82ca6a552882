package io.winnow.core.exec;

import io.winnow.core.progress.Progress;
import io.winnow.core.shard.Compression;
import io.winnow.core.shard.ShardReader;
import java.io.Serializable;

/**
 * How a stage runs, independent of what it does. Everything here except {@code workers},
 * {@code failFast}, {@code overwrite}, {@code progress} and {@code engine} is part of the run's
 * identity: a resumed run must use the same values (and may resume on another engine).
 *
 * @param engine where shard tasks run: {@code local} (this machine's threads) or an engine found
 *               with {@link java.util.ServiceLoader} ({@code spark}); see {@code io.winnow.core.engine}
 */
public record RunOptions(int workers, long seed, Compression compression, int compressionLevel,
                         long maxShardBytes, int maxRecordBytes, boolean failFast, boolean overwrite,
                         Progress.Mode progress, String engine) implements Serializable {
    public static final long DEFAULT_MAX_SHARD_BYTES = 256L << 20;
    public static final String LOCAL = "local";

    public RunOptions {
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        if (maxShardBytes < 1) throw new IllegalArgumentException("max shard size must be positive");
        if (maxRecordBytes < 1024) throw new IllegalArgumentException("max record size must be at least 1024 bytes");
        if (engine == null || engine.isBlank()) engine = LOCAL;
    }

    /** Options on the local engine. */
    public RunOptions(int workers, long seed, Compression compression, int compressionLevel, long maxShardBytes,
                      int maxRecordBytes, boolean failFast, boolean overwrite, Progress.Mode progress) {
        this(workers, seed, compression, compressionLevel, maxShardBytes, maxRecordBytes, failFast, overwrite, progress, LOCAL);
    }

    public static RunOptions defaults() {
        return new RunOptions(Math.max(1, Runtime.getRuntime().availableProcessors()), 42L, Compression.ZSTD, -1,
                DEFAULT_MAX_SHARD_BYTES, ShardReader.DEFAULT_MAX_RECORD_BYTES, false, false, Progress.Mode.AUTO);
    }

    public RunOptions withWorkers(int w) {
        return new RunOptions(w, seed, compression, compressionLevel, maxShardBytes, maxRecordBytes, failFast, overwrite, progress, engine);
    }

    public RunOptions withOverwrite(boolean o) {
        return new RunOptions(workers, seed, compression, compressionLevel, maxShardBytes, maxRecordBytes, failFast, o, progress, engine);
    }

    public RunOptions withEngine(String e) {
        return new RunOptions(workers, seed, compression, compressionLevel, maxShardBytes, maxRecordBytes, failFast, overwrite, progress, e);
    }

    public boolean local() { return LOCAL.equals(engine); }
}
