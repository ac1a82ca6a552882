package io.winnow.ingest.warc;

import io.winnow.core.doc.Document;
import io.winnow.core.shard.BadRecord;
import io.winnow.ingest.IngestMetadata;
import io.winnow.ingest.IngestSettings;
import io.winnow.ingest.Payload;
import io.winnow.ingest.Payloads;
import io.winnow.ingest.SourceBase;
import io.winnow.ingest.wet.WetRecords;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageBody;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcTargetRecord;

/**
 * Documents from a WARC or WET file ({@code .warc}, {@code .warc.gz} with one gzip member per
 * record, {@code .warc.zst}; WARC/1.0 and 1.1) read with jwarc.
 *
 * <p>{@code response} records with an accepted HTTP status and payload type, {@code resource}
 * records of web or file URIs and WET {@code conversion} records become documents; every other
 * record is skipped and counted by reason ({@code skipped:record_type=request},
 * {@code skipped:http_status=404}, {@code skipped:content_type=image/png}). A record that cannot be
 * parsed is a bad record naming the file and the record's byte offset; reading then resumes at the
 * next gzip member (or the next {@code WARC/} line of an uncompressed file), so one damaged record
 * never loses the rest of the file.
 */
public final class WarcSource extends SourceBase {
    private static final int RAW_PREFIX = 512;

    private final IngestSettings.Warc warc;
    private final long maxBytes;
    private final String source;
    private final Set<Integer> statuses;
    private final Set<String> types = new HashSet<>();
    private final boolean zstd;
    private final FileChannel channel;
    private WarcReader reader;
    private WarcCompression compression;
    private long ordinal;
    private long lastStart = -1;
    private boolean done;
    private final boolean headersOnly;

    public WarcSource(Path file, IngestSettings settings, Consumer<BadRecord> onBadRecord) throws IOException {
        this(file, settings, onBadRecord, false);
    }

    /**
     * @param headersOnly return the same documents without reading payloads (no text, no payload):
     *                    the pre-pass of the latest-capture index
     */
    public WarcSource(Path file, IngestSettings settings, Consumer<BadRecord> onBadRecord, boolean headersOnly) throws IOException {
        super(file, onBadRecord);
        this.headersOnly = headersOnly;
        this.warc = settings.warc;
        this.maxBytes = settings.limits.maxBytes;
        this.source = settings.source != null ? settings.source : baseName(file);
        this.statuses = new HashSet<>(warc.statuses);
        for (String t : warc.contentTypes) types.add(t.toLowerCase(Locale.ROOT));
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        this.zstd = n.endsWith(".zst") || n.endsWith(".zstd");
        if (zstd) {
            channel = null;
            InputStream in = new com.github.luben.zstd.ZstdInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            reader = open(in);
        } else {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            reader = open(channel, 0);
        }
    }

    private WarcReader open(InputStream in) throws IOException {
        try {
            WarcReader r = new WarcReader(in);
            r.onWarning(w -> count("warnings"));
            return r;
        } catch (IOException | RuntimeException e) {
            bad(file, "record", 1, 0, "not a readable WARC stream: " + message(e), new byte[0], false);
            done = true;
            return null;
        }
    }

    private WarcReader open(FileChannel ch, long position) throws IOException {
        ch.position(position);
        try {
            WarcReader r = new WarcReader(ch);
            r.onWarning(w -> count("warnings"));
            if (compression == null) compression = r.compression();
            return r;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public long bytesRead() {
        try {
            return channel != null && channel.isOpen() ? channel.position() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public Document next() throws IOException {
        while (!done) {
            if (reader == null) {
                done = true;
                break;
            }
            WarcRecord rec;
            try {
                Optional<WarcRecord> o = reader.next();
                if (o.isEmpty()) {
                    done = true;
                    break;
                }
                rec = o.get();
            } catch (IOException | RuntimeException e) {
                ordinal++;
                long at = failurePosition();
                bad(file, "record", ordinal, at, "unreadable WARC record: " + message(e), rawAt(at), false);
                resync(at);
                continue;
            }
            ordinal++;
            lastStart = rec.position();
            Document d;
            try {
                d = toDocument(rec);
            } catch (IOException | RuntimeException e) {
                bad(file, "record", ordinal, rec.position(), "unreadable " + rec.type() + " record: " + message(e),
                        rawAt(rec.position()), false);
                resync(rec.position());
                continue;
            }
            if (d != null) {
                documentReturned();
                return d;
            }
        }
        return null;
    }

    /** Ordinal of the last record read (1-based); the latest-capture index keys on it. */
    public long ordinal() { return ordinal; }

    private long failurePosition() {
        if (lastStart >= 0) {
            // jwarc has consumed the previous record; the damaged one starts at or after its end.
            try {
                return channel != null ? Math.max(lastStart, reader.position()) : lastStart;
            } catch (RuntimeException e) {
                return lastStart;
            }
        }
        return 0;
    }

    private byte[] rawAt(long at) {
        if (channel == null || at < 0) return new byte[0];
        try {
            ByteBuffer b = ByteBuffer.allocate(RAW_PREFIX);
            channel.read(b, at);
            b.flip();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /**
     * Moves past damage: the next gzip member header (gzip files) or the next line starting with
     * {@code WARC/1.} (plain files) after {@code from} that opens as a record.
     */
    private void resync(long from) throws IOException {
        if (channel == null) {
            done = true; // a zstd stream cannot be re-entered mid-way
            return;
        }
        long size = channel.size();
        long pos = Math.max(from, lastStart) + 1;
        boolean gz = compression == WarcCompression.GZIP;
        byte[] magic = gz ? new byte[] {0x1f, (byte) 0x8b, 0x08} : "\nWARC/1.".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        while (pos < size) {
            long found = find(buf, magic, pos, size);
            if (found < 0) break;
            long start = gz ? found : found + 1;
            WarcReader r = open(channel, start);
            if (r != null) {
                reader = r;
                lastStart = start - 1;
                count("resyncs");
                return;
            }
            pos = found + 1;
        }
        done = true;
    }

    private long find(ByteBuffer buf, byte[] magic, long from, long size) throws IOException {
        long pos = from;
        while (pos < size) {
            buf.clear();
            int n = channel.read(buf, pos);
            if (n <= 0) return -1;
            byte[] a = buf.array();
            for (int i = 0; i + magic.length <= n; i++) {
                boolean ok = true;
                for (int k = 0; k < magic.length && ok; k++) ok = a[i + k] == magic[k];
                if (ok) return pos + i;
            }
            if (n < magic.length) return -1;
            pos += n - magic.length + 1;
        }
        return -1;
    }

    private Document toDocument(WarcRecord rec) throws IOException {
        if (rec instanceof WarcResponse resp) return response(resp);
        if (rec instanceof WarcConversion conv) {
            if (headersOnly) return newDocument(conv);
            Document d = WetRecords.toDocument(conv, source, maxBytes);
            if (d == null) {
                count("skipped:empty_conversion");
                return null;
            }
            addRecordMetadata(d, conv);
            return d;
        }
        if (rec instanceof WarcResource res && warc.resources) return resource(res);
        count("skipped:record_type=" + rec.type());
        return null;
    }

    private Document response(WarcResponse resp) throws IOException {
        HttpResponse http;
        try {
            http = resp.http();
        } catch (IOException | RuntimeException e) {
            count("skipped:not_http");
            return null;
        }
        int status = http.status();
        if (!statuses.contains(status)) {
            count("skipped:http_status=" + status);
            return null;
        }
        String declared = http.headers().first("Content-Type").orElse(null);
        String base = baseType(declared);
        if (base != null && !types.contains(base)) {
            count("skipped:content_type=" + base);
            return null;
        }
        if (headersOnly) return newDocument(resp);
        MessageBody body;
        try {
            body = http.bodyDecoded();
        } catch (IOException | RuntimeException e) {
            body = http.body();
        }
        Payloads.Bounded b;
        try (InputStream in = body.stream()) {
            b = Payloads.read(in, maxBytes);
        }
        Document d = newDocument(resp);
        d.metadata().put(IngestMetadata.HTTP_STATUS, status);
        if (declared != null) d.metadata().put(IngestMetadata.CONTENT_TYPE, declared);
        d.metadata().put(IngestMetadata.RAW_BYTES, b.length());
        new Payload(b.bytes(), declared, lastSegment(d.url()), b.length(), b.oversized()).attach(d);
        return d;
    }

    private Document resource(WarcResource res) throws IOException {
        String target = res.target();
        String scheme = target == null ? "" : target.contains(":") ? target.substring(0, target.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (!Set.of("http", "https", "ftp", "file").contains(scheme)) {
            count("skipped:record_type=resource(" + (scheme.isEmpty() ? "no uri" : scheme) + ")");
            return null;
        }
        String declared = res.headers().first("Content-Type").orElse(null);
        String base = baseType(declared);
        if (base != null && !types.contains(base)) {
            count("skipped:content_type=" + base);
            return null;
        }
        if (headersOnly) return newDocument(res);
        Payloads.Bounded b;
        try (InputStream in = res.body().stream()) {
            b = Payloads.read(in, maxBytes);
        }
        Document d = newDocument(res);
        if (declared != null) d.metadata().put(IngestMetadata.CONTENT_TYPE, declared);
        d.metadata().put(IngestMetadata.RAW_BYTES, b.length());
        new Payload(b.bytes(), declared, lastSegment(d.url()), b.length(), b.oversized()).attach(d);
        return d;
    }

    private Document newDocument(WarcTargetRecord rec) {
        Document d = new Document();
        d.id(rec.id().toString());
        d.source(source);
        d.url(cleanTarget(rec.target()));
        addRecordMetadata(d, rec);
        return d;
    }

    private void addRecordMetadata(Document d, WarcRecord rec) {
        d.metadata().put(IngestMetadata.WARC_RECORD_ID, rec.id().toString());
        try {
            d.metadata().put(IngestMetadata.WARC_DATE, rec.date().toString());
        } catch (RuntimeException e) {
            count("missing_warc_date");
        }
        d.metadata().put(IngestMetadata.WARC_FILE, file.getFileName().toString());
        if (channel != null) d.metadata().put(IngestMetadata.WARC_OFFSET, rec.position());
        d.metadata().put(WARC_ORDINAL, ordinal);
    }

    /** Record number within the file (1-based), the key the latest-capture index uses. */
    public static final String WARC_ORDINAL = "warc_record";

    /** {@code WARC-Target-URI} as WARC/1.0 writers such as wget give it ({@code <http://...>}) or bare. */
    static String cleanTarget(String t) {
        if (t == null) return null;
        t = t.strip();
        if (t.length() >= 2 && t.charAt(0) == '<' && t.charAt(t.length() - 1) == '>') t = t.substring(1, t.length() - 1).strip();
        return t;
    }

    static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) return null;
        try {
            MediaType m = MediaType.parseLeniently(contentType);
            return (m.type() + "/" + m.subtype()).toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            int semi = contentType.indexOf(';');
            return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        }
    }

    private static String lastSegment(String url) {
        if (url == null) return null;
        int q = url.indexOf('?');
        String u = q < 0 ? url : url.substring(0, q);
        int slash = u.lastIndexOf('/');
        String seg = slash < 0 ? u : u.substring(slash + 1);
        return seg.isEmpty() ? null : seg;
    }

    @Override
    public void close() throws IOException {
        try {
            if (reader != null) reader.close();
        } finally {
            if (channel != null) channel.close();
        }
    }
}
