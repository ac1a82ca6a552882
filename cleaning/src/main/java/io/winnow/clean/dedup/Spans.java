package io.winnow.clean.dedup;

import io.winnow.clean.sentence.Sentences;
import io.winnow.core.util.StringHash;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts a document into the units span dedup compares: paragraphs (non-blank lines, dolma's
 * default separator) and windows of {@code n} consecutive sentences (datatrove's 3-sentence
 * spans). Text is compared lower-cased with whitespace collapsed. Lines that look like code are
 * never units, so repeated code lines ({@code }}, {@code return 0;}) are not removed.
 */
final class Spans {
    /** A removable piece of the text: [start, end) in chars. */
    record Piece(int start, int end) {}

    /** A span: its hash and the pieces it covers. */
    record Span(long hash, List<Piece> pieces) {}

    private Spans() {}

    static List<Span> of(String text, String lang, boolean paragraphs, boolean sentences, int n, int minSpanChars) {
        List<Span> out = new ArrayList<>();
        List<Piece> sentencePieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            if (!line.isBlank() && !looksLikeCode(line)) {
                if (paragraphs) {
                    String norm = normalize(line);
                    if (nonSpace(norm) >= minSpanChars) {
                        out.add(new Span(StringHash.hash64("p\u0000" + norm), List.of(new Piece(start, nl < 0 ? end : end + 1))));
                    }
                }
                if (sentences) {
                    int off = start;
                    for (String s : Sentences.split(line, lang)) {
                        if (!s.isBlank()) sentencePieces.add(new Piece(off, off + s.length()));
                        off += s.length();
                    }
                }
            }
            start = end + 1;
        }
        if (sentences) {
            for (int i = 0; i + n <= sentencePieces.size(); i++) {
                StringBuilder sb = new StringBuilder("s");
                for (int k = 0; k < n; k++) {
                    Piece p = sentencePieces.get(i + k);
                    sb.append('\u0000').append(normalize(text.substring(p.start(), p.end())));
                }
                if (nonSpace(sb) >= minSpanChars) {
                    out.add(new Span(StringHash.hash64(sb), List.copyOf(sentencePieces.subList(i, i + n))));
                }
            }
        }
        return out;
    }

    /** Distinct span hashes of a document (a span repeated inside one document counts once). */
    static Set<Long> hashes(List<Span> spans) {
        Set<Long> h = new LinkedHashSet<>();
        for (Span s : spans) h.add(s.hash());
        return h;
    }

    /** The text without the removed pieces; lines left empty disappear. */
    static String remove(String text, BitSet removed) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) if (!removed.get(i)) sb.append(text.charAt(i));
        StringBuilder out = new StringBuilder(sb.length());
        for (String line : sb.toString().split("\n", -1)) {
            String l = line.stripTrailing();
            if (!l.isBlank() || (out.length() > 0 && !out.toString().endsWith("\n\n"))) out.append(l).append('\n');
        }
        return out.toString().strip();
    }

    static String normalize(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    static boolean looksLikeCode(String line) {
        if (line.startsWith("\t") || line.startsWith("    ")) return true;
        String t = line.stripTrailing();
        return t.endsWith(";") || t.endsWith("{") || t.endsWith("}");
    }

    static int nonSpace(CharSequence s) {
        int c = 0;
        for (int i = 0; i < s.length(); i++) if (!Character.isWhitespace(s.charAt(i)) && s.charAt(i) != 0) c++;
        return c;
    }
}
