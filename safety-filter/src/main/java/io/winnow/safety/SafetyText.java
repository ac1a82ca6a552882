package io.winnow.safety;

import io.winnow.core.doc.Document;

/** The part of a document a safety step looks at. */
public final class SafetyText {
    public enum Field { TEXT, URL }

    private SafetyText() {}

    /**
     * The document's text, or its URL with every run of non-alphanumeric characters turned into a
     * space (so {@code casino-bonus.example/free_spins} reads as the words of a sentence).
     */
    public static String of(Document doc, Field field) {
        if (field == Field.TEXT) return doc.text();
        String url = url(doc);
        if (url == null) return null;
        StringBuilder sb = new StringBuilder(url.length());
        boolean space = false;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
                sb.append(c);
                space = false;
            } else if (!space) {
                sb.append(' ');
                space = true;
            }
        }
        return sb.toString().strip();
    }

    /** The top-level {@code url}, else {@code metadata.url}; null when there is none. */
    public static String url(Document doc) {
        if (doc.url() != null && !doc.url().isBlank()) return doc.url();
        if (doc.hasMetadata() && doc.metadata().get("url") instanceof String s && !s.isBlank()) return s;
        return null;
    }
}
