package io.winnow.ingest;

import com.fasterxml.jackson.annotation.JsonValue;
import io.winnow.core.doc.Document;
import java.util.Map;

/**
 * A value that rides on a document between two ingest steps (kept blocks for the site-boilerplate
 * step) and is removed by the step that consumes it. If one ever reached a shard it would be
 * written as an empty object, never as its contents.
 */
public final class Transient<T> {
    private final T value;

    private Transient(T value) {
        this.value = value;
    }

    public static <T> void put(Document doc, String key, T value) {
        doc.extra().put(key, new Transient<>(value));
    }

    @SuppressWarnings("unchecked")
    public static <T> T take(Document doc, String key) {
        if (!doc.hasExtra()) return null;
        Object o = doc.extra().get(key);
        if (!(o instanceof Transient<?> t)) return null;
        doc.extra().remove(key);
        return (T) t.value;
    }

    /** Strips every ride-along value and the payload, and gives a rejected document an empty text. */
    public static void clear(Document doc) {
        if (doc.hasExtra()) doc.extra().values().removeIf(v -> v instanceof Transient<?> || v instanceof Payload);
        if (doc.text() == null) doc.text("");
    }

    @JsonValue
    Map<String, Object> json() {
        return Map.of();
    }
}
