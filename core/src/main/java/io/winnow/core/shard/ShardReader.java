package io.winnow.core.shard;

import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import io.winnow.core.exec.DocumentSource;
import io.winnow.core.util.CountingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Streams documents from one shard ({@code .jsonl}, {@code .jsonl.gz}, {@code .jsonl.zst}).
 *
 * <p>Memory is bounded by {@code maxRecordBytes}, never by the shard size. A record that cannot be
 * read is handed to the bad-record handler and reading goes on with the next line; a stream that
 * is truncated or corrupt ends the shard after one bad record for its damaged tail, so every good
 * record before the damage is still returned.
 */
public final class ShardReader implements DocumentSource {
    public static final int DEFAULT_MAX_RECORD_BYTES = 64 << 20;

    private final Path file;
    private final int maxRecordBytes;
    private final Consumer<BadRecord> onBadRecord;
    private final CountingInputStream counted;
    private InputStream in;

    private byte[] buf = new byte[1 << 16];
    private int start;      // first unconsumed byte in buf
    private int end;        // one past the last valid byte in buf
    private boolean eof;
    private long line;      // lines returned or rejected so far
    private long offset;    // decompressed offset of buf[start]
    private long documents;
    private long badRecords;

    /** Opens a shard; its compression is taken from the file name. */
    public ShardReader(Path file, int maxRecordBytes, Consumer<BadRecord> onBadRecord) throws IOException {
        this.file = file;
        this.maxRecordBytes = maxRecordBytes;
        this.onBadRecord = onBadRecord;
        Compression c = Compression.of(file);
        if (c == null) throw new IOException(file + ": not a shard (expected .jsonl, .jsonl.gz or .jsonl.zst)");
        this.counted = new CountingInputStream(Files.newInputStream(file));
        try {
            this.in = c.decode(counted);
        } catch (IOException e) {
            // A header that cannot be decoded: the whole shard is one bad record.
            bad("cannot open " + c.name().toLowerCase() + " stream: " + message(e), new byte[0], false);
            this.in = InputStream.nullInputStream();
            this.eof = true;
        }
    }

    public Path file() { return file; }

    /** Bytes of the file consumed so far (compressed bytes for compressed shards). */
    public long fileBytesRead() { return counted.count(); }

    @Override
    public long bytesRead() { return counted.count(); }

    @Override
    public long documents() { return documents; }

    @Override
    public long badRecords() { return badRecords; }

    /** The next document, or null at the end of the shard. */
    @Override
    public Document next() throws IOException {
        while (true) {
            int nl = findNewline();
            if (nl < 0) {
                if (end > start) {
                    // Last line without a trailing newline: a record like any other.
                    int len = end - start;
                    Document d = parseLine(start, len, len);
                    start = end;
                    if (d != null) return d;
                }
                return null;
            }
            int len = nl - start;
            int lineStart = start;
            start = nl + 1;
            Document d = parseLine(lineStart, len, len + 1);
            if (d != null) return d;
        }
    }

    /** Parses one line; returns null for blank lines and bad records (which are reported). */
    private Document parseLine(int from, int len, int consumed) {
        long lineOffset = offset;
        offset += consumed;
        int trimmed = len;
        if (trimmed > 0 && buf[from + trimmed - 1] == '\r') trimmed--;
        if (isBlank(from, trimmed)) {
            line++;
            return null;
        }
        line++;
        try {
            Document d = DocumentJson.parse(buf, from, trimmed);
            documents++;
            return d;
        } catch (IOException e) {
            badAt(line, lineOffset, message(e), Arrays.copyOfRange(buf, from, from + len), true);
            return null;
        }
    }

    private boolean isBlank(int from, int len) {
        for (int i = from; i < from + len; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') return false;
        }
        return true;
    }

    /** Index of the next '\n' at or after start, filling the buffer as needed; -1 at end of data. */
    private int findNewline() throws IOException {
        int scanFrom = start;
        while (true) {
            for (int i = scanFrom; i < end; i++) {
                if (buf[i] == '\n') return i;
            }
            if (eof) return -1;
            if (end - start >= maxRecordBytes) {
                skipOverlongRecord();
                scanFrom = start;
                continue;
            }
            int scanned = end - start; // fill() may move the data to the front of the buffer
            fill();
            scanFrom = start + scanned;
        }
    }

    /** Reads more bytes into the buffer, compacting or growing it; sets eof on end or damage. */
    private void fill() throws IOException {
        if (start > 0 && (start == end || start > buf.length / 2)) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            int size = (int) Math.min((long) maxRecordBytes + 1, (long) buf.length * 2);
            buf = Arrays.copyOf(buf, Math.max(size, end + 1));
        }
        int n;
        try {
            n = in.read(buf, end, buf.length - end);
        } catch (IOException e) {
            damaged(e);
            return;
        }
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    /**
     * The stream ended in the middle of damage: the partial line (if any) becomes one bad record
     * and the shard ends there.
     */
    private void damaged(IOException e) {
        byte[] partial = Arrays.copyOfRange(buf, start, end);
        badAt(line + 1, offset, "truncated or corrupt " + compressionName() + " stream: " + message(e), partial, false);
        start = end;
        eof = true;
    }

    /** A line longer than maxRecordBytes: keep its prefix as a bad record and skip to its end. */
    private void skipOverlongRecord() throws IOException {
        byte[] prefix = Arrays.copyOfRange(buf, start, start + maxRecordBytes);
        long lineOffset = offset;
        long skipped = end - start;
        start = end;
        while (!eof) {
            fill();
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    skipped += i - start + 1;
                    start = i + 1;
                    offset += skipped;
                    line++;
                    badAt(line, lineOffset, "record longer than " + maxRecordBytes + " bytes", prefix, false);
                    return;
                }
            }
            skipped += end - start;
            start = end;
        }
        offset += skipped;
        line++;
        badAt(line, lineOffset, "record longer than " + maxRecordBytes + " bytes", prefix, false);
    }

    private String compressionName() {
        Compression c = Compression.of(file);
        return c == Compression.NONE ? "jsonl" : c.name().toLowerCase();
    }

    private void bad(String error, byte[] raw, boolean complete) {
        badAt(line + 1, offset, error, raw, complete);
    }

    private void badAt(long atLine, long atOffset, String error, byte[] raw, boolean complete) {
        badRecords++;
        onBadRecord.accept(new BadRecord(file, atLine, atOffset, counted.count(), error, raw, complete));
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } finally {
            counted.close();
        }
    }
}
