package io.winnow.core.doc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One document: the unit every stage reads and writes, stored as one JSON object per line.
 *
 * <p>Mutable on purpose: mappers edit documents in place instead of copying them. Fields the
 * model does not know (written by other tools or later stages) are kept in {@link #extra()} and
 * written back unchanged, so a round trip through Winnow never loses data.
 */
public final class Document {
    /** Top-level field that every rejected document carries: {@code step:rule}. */
    public static final String REJECT_REASON = "reject_reason";

    private String id;
    private String text;
    private String source;
    private String url;
    private String lang;
    private Map<String, Object> metadata;
    private Map<String, Number> scores;
    private Map<String, Object> extra;
    // UTF-8 size of `text`, cached for the exact String instance it was computed for.
    private String sizedText;
    private int textBytes;

    public Document() {}

    public Document(String id, String text) {
        this.id = id;
        this.text = text;
    }

    public String id() { return id; }
    public Document id(String id) { this.id = id; return this; }
    public String text() { return text; }
    public Document text(String text) { this.text = text; return this; }
    public String source() { return source; }
    public Document source(String source) { this.source = source; return this; }
    public String url() { return url; }
    public Document url(String url) { this.url = url; return this; }
    public String lang() { return lang; }
    public Document lang(String lang) { this.lang = lang; return this; }

    /** Free-form metadata; created on first use. */
    public Map<String, Object> metadata() {
        if (metadata == null) metadata = new LinkedHashMap<>();
        return metadata;
    }

    /** Numbers added by stages (language score, quality signals, cluster size...); created on first use. */
    public Map<String, Number> scores() {
        if (scores == null) scores = new LinkedHashMap<>();
        return scores;
    }

    /** Top-level fields this model does not name; preserved in order on write. */
    public Map<String, Object> extra() {
        if (extra == null) extra = new LinkedHashMap<>();
        return extra;
    }

    /** UTF-8 length of the text, computed once per text value (steps count bytes in and out). */
    public int textBytes() {
        if (text == null) return 0;
        if (text != sizedText) {
            textBytes = Utf8.length(text);
            sizedText = text;
        }
        return textBytes;
    }

    public boolean hasMetadata() { return metadata != null && !metadata.isEmpty(); }
    public boolean hasScores() { return scores != null && !scores.isEmpty(); }
    public boolean hasExtra() { return extra != null && !extra.isEmpty(); }

    /** The reason this document was rejected, or null. */
    public String rejectReason() {
        return extra == null ? null : (String) extra.get(REJECT_REASON);
    }

    public Document copy() {
        Document d = new Document(id, text).source(source).url(url).lang(lang);
        if (metadata != null) d.metadata = new LinkedHashMap<>(metadata);
        if (scores != null) d.scores = new LinkedHashMap<>(scores);
        if (extra != null) d.extra = new LinkedHashMap<>(extra);
        return d;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Document d)) return false;
        return Objects.equals(id, d.id) && Objects.equals(text, d.text) && Objects.equals(source, d.source)
                && Objects.equals(url, d.url) && Objects.equals(lang, d.lang)
                && Objects.equals(nullIfEmpty(metadata), nullIfEmpty(d.metadata))
                && Objects.equals(nullIfEmpty(scores), nullIfEmpty(d.scores))
                && Objects.equals(nullIfEmpty(extra), nullIfEmpty(d.extra));
    }

    private static <K, V> Map<K, V> nullIfEmpty(Map<K, V> m) {
        return m == null || m.isEmpty() ? null : m;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, text);
    }

    @Override
    public String toString() {
        return DocumentJson.toJson(this);
    }
}
