package io.winnow.core.exec;

import java.nio.file.Path;

/**
 * Totals of a finished stage (the full record is {@code stats.json}).
 *
 * @param resumedShards input shards finished by an earlier, interrupted run and not redone
 */
public record StageResult(Path output, int shards, int resumedShards, long docsIn, long docsKept,
                          long docsRejected, long badRecords, double seconds) {
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%d shards (%d resumed): %,d documents in, %,d kept, %,d rejected, %,d bad records; %.1f s; stats: %s",
                shards, resumedShards, docsIn, docsKept, docsRejected, badRecords, seconds,
                output.resolve("stats.json"));
    }
}
