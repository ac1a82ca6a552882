package io.winnow.ingest.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winnow.core.doc.Document;
import io.winnow.core.shard.BadRecord;
import io.winnow.core.util.CountingInputStream;
import io.winnow.ingest.IngestMetadata;
import io.winnow.ingest.IngestSettings;
import io.winnow.ingest.LineReader;
import io.winnow.ingest.Payload;
import io.winnow.ingest.SourceBase;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Documents from a JSONL dump of another tool ({@code .jsonl}, {@code .ndjson}, {@code .gz},
 * {@code .zst}): one JSON object a line, the text in a configurable field. The record's other
 * top-level fields are copied into metadata (a {@code metadata} object is merged into it, a
 * {@code source} string becomes the source unless the settings name one; {@code lang} and
 * {@code scores} are dropped: the stage measures those itself), so Winnow's own shards read back
 * as they were written. A line that is not a JSON object or lacks a string
 * text field is a bad record naming file, line and offset.
 */
public final class JsonlDumpSource extends SourceBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IngestSettings.Jsonl cfg;
    private final String source;
    private final long maxBytes;
    private final CountingInputStream counted;
    private final InputStream in;
    private final LineReader lines;
    private final String[] textPath;
    private final String[] idPath;
    private final String[] urlPath;
    private boolean damaged;
    private final boolean sourceFromRecords;

    public JsonlDumpSource(Path file, IngestSettings settings, int maxRecordBytes, Consumer<BadRecord> onBadRecord) throws IOException {
        super(file, onBadRecord);
        this.cfg = settings.jsonl;
        this.source = settings.source != null ? settings.source : baseName(file);
        this.sourceFromRecords = settings.source == null;
        this.maxBytes = settings.limits.maxBytes;
        this.counted = new CountingInputStream(Files.newInputStream(file));
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        InputStream raw = new BufferedInputStream(counted, 1 << 16);
        if (n.endsWith(".gz")) {
            raw = new GzipCompressorInputStream(raw, true);
        } else if (n.endsWith(".zst") || n.endsWith(".zstd")) {
            raw = new com.github.luben.zstd.ZstdInputStream(raw);
        }
        this.in = raw;
        this.lines = new LineReader(in, maxRecordBytes);
        this.textPath = cfg.textField.split("\\.");
        this.idPath = cfg.idField == null || cfg.idField.isBlank() ? null : cfg.idField.split("\\.");
        this.urlPath = cfg.urlField == null || cfg.urlField.isBlank() ? null : cfg.urlField.split("\\.");
    }

    @Override
    public long bytesRead() { return counted.count(); }

    @Override
    public Document next() throws IOException {
        while (!damaged) {
            LineReader.Line line;
            try {
                line = lines.next();
            } catch (IOException e) {
                bad(file, "line", -1, -1, "truncated or corrupt compressed stream: " + message(e), new byte[0], false);
                damaged = true;
                return null;
            }
            if (line == null) return null;
            if (isBlank(line.bytes())) continue;
            if (line.overlong()) {
                bad(file, "line", line.number(), line.offset(), "record longer than the record size limit", line.bytes(), false);
                continue;
            }
            Document d = parse(line);
            if (d != null) {
                documentReturned();
                return d;
            }
        }
        return null;
    }

    private Document parse(LineReader.Line line) {
        JsonNode node;
        try {
            node = JSON.readTree(line.bytes());
        } catch (JsonProcessingException e) {
            bad(file, "line", line.number(), line.offset(), "invalid JSON: " + e.getOriginalMessage(), line.bytes(), true);
            return null;
        } catch (IOException e) {
            bad(file, "line", line.number(), line.offset(), "invalid JSON: " + message(e), line.bytes(), true);
            return null;
        }
        if (!(node instanceof ObjectNode obj)) {
            bad(file, "line", line.number(), line.offset(), "expected a JSON object", line.bytes(), true);
            return null;
        }
        JsonNode text = at(obj, textPath);
        if (text == null || !text.isTextual()) {
            bad(file, "line", line.number(), line.offset(),
                    text == null ? "no '" + cfg.textField + "' field" : "field '" + cfg.textField + "' is not a string",
                    line.bytes(), true);
            return null;
        }
        Document d = new Document();
        JsonNode id = idPath == null ? null : at(obj, idPath);
        d.id(id != null && id.isValueNode() && !id.isNull() ? id.asText() : file.getFileName() + ":" + line.number());
        d.source(source);
        JsonNode url = urlPath == null ? null : at(obj, urlPath);
        if (url != null && url.isTextual()) d.url(url.asText());
        if (cfg.keepFields) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String k = f.getKey();
                if (k.equals(textPath[0]) || idPath != null && k.equals(idPath[0]) || urlPath != null && k.equals(urlPath[0])) continue;
                JsonNode v = f.getValue();
                if (k.equals("source") && v.isTextual() && sourceFromRecords) {
                    d.source(v.asText()); // Winnow shards and many dumps name their source per record
                } else if (k.equals("metadata") && v.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> m = v.fields(); m.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = m.next();
                        d.metadata().put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
                    }
                } else if (!k.equals("lang") && !k.equals("scores")) { // the stage identifies the language itself
                    d.metadata().put(k, JSON.convertValue(v, Object.class));
                }
            }
        }
        String t = text.asText();
        if (cfg.format.equals("html")) {
            byte[] b = t.getBytes(StandardCharsets.UTF_8);
            boolean over = b.length > maxBytes;
            byte[] kept = over ? java.util.Arrays.copyOf(b, (int) maxBytes) : b;
            d.metadata().put(IngestMetadata.RAW_BYTES, (long) b.length);
            new Payload(kept, "text/html; charset=UTF-8", null, b.length, over).attach(d);
        } else {
            d.text(t);
            d.metadata().put(IngestMetadata.EXTRACTION, "jsonl");
        }
        return d;
    }

    private static JsonNode at(JsonNode n, String[] path) {
        for (String p : path) {
            if (n == null || !n.isObject()) return null;
            n = n.get(p);
        }
        return n;
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) if (x != ' ' && x != '\t' && x != '\r') return false;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
