package io.winnow.clean.text;

/** Line- and sentence-ending punctuation, ASCII and full-width (CJK). */
public final class Punctuation {
    private Punctuation() {}

    private static final String TERMINAL = ".!?。！？；．｡";
    private static final String CLOSERS = "\"'”’」』）)】》";

    /**
     * Whether a line ends a sentence: its last character, after closing quotes and brackets, is
     * one of {@code . ! ?} or the full-width {@code 。！？；．}. C4 and FineWeb use the ASCII set;
     * the full-width marks make the same rules work on Chinese and Japanese text.
     */
    public static boolean endsWithTerminal(String line) {
        int i = lastNonSpace(line);
        while (i >= 0 && CLOSERS.indexOf(line.charAt(i)) >= 0) i--;
        return i >= 0 && TERMINAL.indexOf(line.charAt(i)) >= 0;
    }

    /** Ends with an ellipsis: {@code ...}, {@code …} or the Chinese {@code ……}. */
    public static boolean endsWithEllipsis(String line) {
        int i = lastNonSpace(line);
        if (i < 0) return false;
        String s = line.substring(0, i + 1);
        return s.endsWith("...") || s.endsWith("…");
    }

    private static int lastNonSpace(String s) {
        int i = s.length() - 1;
        while (i >= 0 && Character.isWhitespace(s.charAt(i))) i--;
        return i;
    }
}
