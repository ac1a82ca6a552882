package io.winnow.ingest;

import com.fasterxml.jackson.annotation.JsonValue;
import io.winnow.core.doc.Document;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The raw bytes of a document before extraction, as a source read them: an HTTP payload, a file,
 * an archive entry. Sources attach it to a document under {@link #KEY}; the extract step takes it
 * off and replaces it with text, so it never reaches an output shard.
 *
 * @param bytes         the payload, at most {@code limits.max_bytes} of it
 * @param declaredType  the content type the source declared (HTTP header, JSONL format), or null
 * @param name          a file or entry name that helps type detection, or null
 * @param rawLength     the payload's full length (more than {@code bytes.length} when it was cut)
 * @param oversized     true when the payload was longer than the limit and was cut
 */
public record Payload(byte[] bytes, String declaredType, String name, long rawLength, boolean oversized) {
    /** Key of the payload in {@link Document#extra()} while it travels from the source to the extract step. */
    public static final String KEY = "_payload";

    public static Payload of(Document doc) {
        return doc.hasExtra() && doc.extra().get(KEY) instanceof Payload p ? p : null;
    }

    public static Payload take(Document doc) {
        Payload p = of(doc);
        if (p != null) doc.extra().remove(KEY);
        return p;
    }

    public void attach(Document doc) {
        doc.extra().put(KEY, this);
    }

    /** What would be written if a payload ever reached a shard: its size, never its bytes. */
    @JsonValue
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("raw_bytes", rawLength);
        if (declaredType != null) m.put("declared_type", declaredType);
        return m;
    }
}
