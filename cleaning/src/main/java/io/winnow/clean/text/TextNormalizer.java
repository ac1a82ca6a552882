package io.winnow.clean.text;

import io.winnow.core.doc.Document;
import io.winnow.core.step.Mapper;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Normalizes text without touching its structure: Unicode NFC (or NFKC), removal of ANSI escape
 * sequences, control characters and invisible characters (zero-width space, word joiner, BOM,
 * soft hyphen, bidi controls), LF line endings, no trailing spaces, and runs of blank lines capped.
 * Leading whitespace is never changed, so code keeps its indentation. Zero-width (non-)joiners
 * are kept: they carry meaning in Persian, Indic scripts and emoji sequences.
 */
public final class TextNormalizer extends Mapper {
    public static final class Params {
        /** Off: text passes unchanged (the clean stage's normalization can be switched off this way). */
        public boolean enabled = true;
        /** NFC, NFKC or none. NFKC also folds full-width forms and ligatures: a lossy choice, off by default. */
        public String unicode = "nfc";
        public boolean stripAnsi = true;
        public boolean removeControl = true;
        public boolean removeInvisible = true;
        public boolean normalizeLineEndings = true;
        public boolean stripTrailingWhitespace = true;
        /** Longest run of blank lines kept; -1 keeps them all. */
        public int maxBlankLines = 1;
        public boolean trim = true;
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "normalize"; }
        @Override public String description() { return "Unicode NFC/NFKC, drop control/invisible chars and ANSI escapes, LF endings, cap blank lines"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new TextNormalizer(name, p); }
    }

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[@-Z\\\\-_]");
    private final Params p;
    private final Normalizer.Form form;

    public TextNormalizer(String name, Params p) {
        super(name);
        this.p = p;
        this.form = switch (p.unicode.toLowerCase(java.util.Locale.ROOT)) {
            case "nfc" -> Normalizer.Form.NFC;
            case "nfkc" -> Normalizer.Form.NFKC;
            case "none" -> null;
            default -> throw new IllegalArgumentException("unicode must be nfc, nfkc or none, got '" + p.unicode + "'");
        };
    }

    @Override
    protected Document map(Document doc) {
        return doc.text(normalize(doc.text()));
    }

    public String normalize(String t) {
        if (!p.enabled) return t;
        if (p.stripAnsi && t.indexOf('\u001B') >= 0) t = ANSI.matcher(t).replaceAll("");
        if (p.normalizeLineEndings && t.indexOf('\r') >= 0) t = t.replace("\r\n", "\n").replace('\r', '\n');
        if (form != null && !Normalizer.isNormalized(t, form)) t = Normalizer.normalize(t, form);
        if (p.removeControl || p.removeInvisible) t = removeChars(t);
        if (p.stripTrailingWhitespace || p.maxBlankLines >= 0) t = fixLines(t);
        if (p.trim) t = trimBlankLines(t);
        return t;
    }

    private String removeChars(String t) {
        StringBuilder sb = null;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean drop = (p.removeControl && isControl(c)) || (p.removeInvisible && isInvisible(c));
            if (drop) {
                if (sb == null) sb = new StringBuilder(t.length()).append(t, 0, i);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? t : sb.toString();
    }

    static boolean isControl(char c) {
        return (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    static boolean isInvisible(char c) {
        return c == '\u200B' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD'
                || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private String fixLines(String t) {
        StringBuilder sb = new StringBuilder(t.length());
        int blanks = 0;
        int start = 0;
        while (start <= t.length()) {
            int nl = t.indexOf('\n', start);
            int end = nl < 0 ? t.length() : nl;
            int lineEnd = end;
            if (p.stripTrailingWhitespace) {
                while (lineEnd > start && (t.charAt(lineEnd - 1) == ' ' || t.charAt(lineEnd - 1) == '\t'
                        || t.charAt(lineEnd - 1) == '\u3000' || t.charAt(lineEnd - 1) == '\u00A0')) {
                    lineEnd--;
                }
            }
            boolean blank = t.substring(start, end).isBlank();
            if (blank) {
                blanks++;
            } else {
                blanks = 0;
            }
            if (!blank || p.maxBlankLines < 0 || blanks <= p.maxBlankLines) {
                sb.append(t, start, blank && p.stripTrailingWhitespace ? start : lineEnd);
                if (nl >= 0) sb.append('\n');
            }
            if (nl < 0) break;
            start = nl + 1;
        }
        return sb.toString();
    }

    private static String trimBlankLines(String t) {
        int s = 0;
        int lineStart = 0;
        // drop leading blank lines, but keep the indentation of the first non-blank line
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\n') {
                lineStart = i + 1;
            } else if (!Character.isWhitespace(c)) {
                s = lineStart;
                break;
            }
            if (i == t.length() - 1) s = t.length();
        }
        int e = t.length();
        while (e > s && Character.isWhitespace(t.charAt(e - 1))) e--;
        return t.substring(s, e);
    }
}
