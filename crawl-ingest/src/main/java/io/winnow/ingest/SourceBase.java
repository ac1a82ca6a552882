package io.winnow.ingest;

import io.winnow.core.exec.DocumentSource;
import io.winnow.core.shard.BadRecord;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Shared bookkeeping of the raw-input sources: documents, bad records and skip counters. */
public abstract class SourceBase implements DocumentSource {
    protected final Path file;
    private final Consumer<BadRecord> onBadRecord;
    private final Map<String, Long> counters = new TreeMap<>();
    private long documents;
    private long badRecords;

    protected SourceBase(Path file, Consumer<BadRecord> onBadRecord) {
        this.file = file;
        this.onBadRecord = onBadRecord;
    }

    @Override
    public long documents() { return documents; }

    @Override
    public long badRecords() { return badRecords; }

    @Override
    public Map<String, Long> counters() { return counters; }

    protected void count(String counter) {
        counters.merge(counter, 1L, Long::sum);
    }

    protected void count(String counter, long n) {
        counters.merge(counter, n, Long::sum);
    }

    protected void documentReturned() {
        documents++;
    }

    /** Reports an unreadable record; {@code number} counts {@code unit}s from 1. */
    protected void bad(Path where, String unit, long number, long offset, String error, byte[] raw, boolean complete) {
        badRecords++;
        onBadRecord.accept(new BadRecord(where, number, offset, offset, error, raw == null ? new byte[0] : raw, complete, unit));
    }

    protected static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
    }

    /** The file name without archive/compression/format extensions: {@code crawl-01.warc.gz} → {@code crawl-01}. */
    public static String baseName(Path p) {
        String n = p.getFileName().toString();
        String lower = n.toLowerCase(java.util.Locale.ROOT);
        for (String ext : new String[] {".gz", ".zst", ".zstd", ".bz2", ".xz"}) {
            if (lower.endsWith(ext)) {
                n = n.substring(0, n.length() - ext.length());
                lower = lower.substring(0, lower.length() - ext.length());
                break;
            }
        }
        for (String ext : new String[] {".warc", ".wet", ".jsonl", ".ndjson", ".json", ".tar", ".tgz", ".zip"}) {
            if (lower.endsWith(ext)) return n.substring(0, n.length() - ext.length());
        }
        return n;
    }
}
