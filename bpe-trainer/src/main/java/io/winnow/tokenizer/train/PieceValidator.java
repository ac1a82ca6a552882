package io.winnow.tokenizer.train;

import io.winnow.tokenizer.text.UnicodeScripts;
import io.winnow.tokenizer.text.Utf8;

/**
 * SentencePiece's IsValidSentencePiece: which strings may become a piece (length, reserved chars, where U+2581 may
 * stand, digits, and no mixing of Unicode scripts, with kana counted as Han and combining marks taking the script of
 * the previous char).
 */
final class PieceValidator {
    static final int WS = 0x2581, UNK_CHAR = 0x2585, BOUNDARY = '\t';
    private static final int ANY = -1;

    private final int maxLength;
    private final boolean splitByWhitespace, treatWsAsSuffix, allowWsOnly, splitByNumber, splitDigits, splitByScript;

    PieceValidator(TrainerOptions o) {
        maxLength = o.maxSentencepieceLength;
        splitByWhitespace = o.splitByWhitespace;
        treatWsAsSuffix = o.treatWhitespaceAsSuffix;
        allowWsOnly = o.allowWhitespaceOnlyPieces;
        splitByNumber = o.splitByNumber;
        splitDigits = o.splitDigits;
        splitByScript = o.splitByUnicodeScript;
    }

    /** Wall classes of a char: one that must stand alone, U+2581, or else its fixed script (ANY if none). */
    static final int ALONE = -2, WS_CLASS = -3;

    /**
     * True if no valid piece can contain code point x immediately followed by y: the two-char string is invalid for
     * a reason every longer string containing it shares (a char that must stand alone, two different scripts that
     * are fixed whatever comes before, U+2581 where whitespace splitting forbids it). Context-dependent rules
     * (inherited scripts, whitespace at the ends without whitespace splitting) never make a wall.
     */
    boolean isWall(int x, int y) {
        return isWallBetween(wallClass(x), wallClass(y));
    }

    /** {@link #isWall} on the chars' {@link #wallClass}es. */
    boolean isWallBetween(int cx, int cy) {
        if (maxLength < 2 || cx == ALONE || cy == ALONE) return true;
        if (splitByWhitespace && !(allowWsOnly && cx == WS_CLASS && cy == WS_CLASS)) {
            if (!treatWsAsSuffix && cy == WS_CLASS) return true;
            if (treatWsAsSuffix && cx == WS_CLASS) return true;
        }
        return splitByScript && cx >= 0 && cy >= 0 && cx != cy;
    }

    int wallClass(int c) {
        if (c == UNK_CHAR || c == 0 || c == BOUNDARY || c == ' ' || !Utf8.isValidCodepoint(c) || (splitDigits && isNumber(c))) {
            return ALONE;
        }
        if (c == WS) return WS_CLASS;
        if (!splitByNumber && isNumber(c)) return ANY;
        if (c == 0x30FC) return UnicodeScripts.HAN;  // the prolonged sound mark goes with kana
        return scriptClass(UnicodeScripts.of(c));
    }

    /**
     * The wall class of a char of this script, unless one of {@link #wallClass}'s rules before the script applies
     * to it (only to the {@link #NOT_BY_SCRIPT} code points): the script a char has in any context, with kana
     * counted as Han; inherited ones take their predecessor's.
     */
    static int scriptClass(byte script) {
        if (script == UnicodeScripts.HIRAGANA || script == UnicodeScripts.KATAKANA) return UnicodeScripts.HAN;
        return script == UnicodeScripts.INHERITED ? ANY : script & 0xFF;  // script ids are unsigned bytes
    }

    /**
     * Ranges (first, last) of the only code points {@link #wallClass} may not give their {@link #scriptClass}:
     * the reserved chars, NUL, TAB, space, U+2581, U+2585, digits, U+30FC and the surrogates. Tables of all code
     * points decide these one by one and the rest by script (WallTableTest checks every code point).
     */
    static final int[][] NOT_BY_SCRIPT = {{0, 0}, {BOUNDARY, BOUNDARY}, {' ', ' '}, {'0', '9'}, {WS, WS},
            {UNK_CHAR, UNK_CHAR}, {0x30FC, 0x30FC}, {0xD800, 0xDFFF}, {0xFF10, 0xFF19}};

    private static boolean isNumber(int c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }

    /** Validity of the concatenation a + b (code points). */
    boolean isValid(int[] a, int[] b) {
        int n = a.length + b.length;
        if (n == 0 || n > maxLength) return false;
        boolean allWs = true;
        for (int i = 0; i < n && allWs; i++) allWs = (i < a.length ? a[i] : b[i - a.length]) == WS;
        int prevScript = ANY;
        for (int pos = 0; pos < n; pos++) {
            int c = pos < a.length ? a[pos] : b[pos - a.length];
            if (c == UNK_CHAR || c == 0 || c == BOUNDARY || c == ' ' || !Utf8.isValidCodepoint(c)) return false;
            if (c == WS) {
                if (!allowWsOnly || !allWs) {
                    if (treatWsAsSuffix) {
                        if ((splitByWhitespace && pos < n - 1) || (!splitByWhitespace && pos < n - 1 && pos == 0)) {
                            return false;
                        }
                    } else {
                        if ((splitByWhitespace && pos > 0) || (!splitByWhitespace && pos > 0 && pos == n - 1)) {
                            return false;
                        }
                    }
                }
            } else {
                int s = UnicodeScripts.of(c);
                if (s == UnicodeScripts.HIRAGANA || s == UnicodeScripts.KATAKANA || c == 0x30FC) s = UnicodeScripts.HAN;
                else if (s == UnicodeScripts.INHERITED) s = prevScript;
                if (!splitByNumber && isNumber(c)) s = ANY;
                if (splitDigits && isNumber(c) && n > 1) return false;
                if (splitByScript && s != ANY && prevScript != ANY && prevScript != s) return false;
                prevScript = s;
            }
        }
        return true;
    }
}
