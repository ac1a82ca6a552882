package io.winnow.mixture.config;

import io.winnow.core.doc.Document;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A dotted path to a value of a document: {@code lang}, {@code source}, {@code scores.toxicity},
 * {@code metadata.site.domain}, or a top-level field other tools wrote ({@code dynasty}). Resolves to a
 * String, Number, Boolean, List or Map, or null when the document has no such value.
 */
public final class FieldPath {
    private final String text;
    private final String[] parts;

    public FieldPath(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty field name");
        for (String p : text.split("\\.", -1)) {
            if (p.isEmpty()) throw new IllegalArgumentException("field '" + text + "' has an empty part");
        }
        this.text = text;
        this.parts = text.split("\\.");
    }

    public Object resolve(Document d) {
        Object v = switch (parts[0]) {
            case "id" -> d.id();
            case "text" -> d.text();
            case "source" -> d.source();
            case "url" -> d.url();
            case "lang" -> d.lang();
            case "metadata" -> d.hasMetadata() ? d.metadata() : null;
            case "scores" -> d.hasScores() ? d.scores() : null;
            default -> d.hasExtra() ? d.extra().get(parts[0]) : null;
        };
        for (int i = 1; i < parts.length && v != null; i++) {
            v = v instanceof Map<?, ?> m ? m.get(parts[i]) : null;
        }
        return v;
    }

    /** The value as a double, or NaN when it is missing or not a number. */
    public double number(Document d) {
        return resolve(d) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    public List<String> parts() { return Arrays.asList(parts); }

    @Override
    public String toString() { return text; }
}
