package io.winnow.core.exec;

import java.nio.file.Path;

/**
 * Totals of a finished stage (the full record is {@code stats.json}).
 *
 * @param resumedShards input shards finished by an earlier, interrupted run and not redone
 * @param detail        what a stage that does not pass documents on did (training), instead of document counts; or null
 */
public record StageResult(Path output, int shards, int resumedShards, long docsIn, long docsKept,
                          long docsRejected, long badRecords, double seconds, String detail) {
    public StageResult(Path output, int shards, int resumedShards, long docsIn, long docsKept,
                       long docsRejected, long badRecords, double seconds) {
        this(output, shards, resumedShards, docsIn, docsKept, docsRejected, badRecords, seconds, null);
    }

    public String summary() {
        if (detail != null) {
            return String.format(java.util.Locale.ROOT, "%s; %.1f s; stats: %s", detail, seconds, output.resolve("stats.json"));
        }
        return String.format(java.util.Locale.ROOT,
                "%d shards (%d resumed): %,d documents in, %,d kept, %,d rejected, %,d bad records; %.1f s; stats: %s",
                shards, resumedShards, docsIn, docsKept, docsRejected, badRecords, seconds,
                output.resolve("stats.json"));
    }
}
