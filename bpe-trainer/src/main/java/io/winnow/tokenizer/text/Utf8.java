package io.winnow.tokenizer.text;

/**
 * UTF-8 decoding with SentencePiece's rules: a malformed sequence is one bad byte (which the normalizer turns into
 * U+FFFD), surrogates and code points above U+10FFFF are malformed, overlong forms are malformed.
 */
public final class Utf8 {
    /** Returned by {@link #decode} for a malformed byte. */
    public static final int ERROR = 0xFFFD;

    private Utf8() {}

    /**
     * Byte length of the sequence the lead byte announces (1 for continuation or invalid bytes), as OneCharLen: a
     * lookup by the high nibble, with no branch to mispredict where scripts mix.
     */
    public static int oneCharLen(byte lead) {
        return LENGTH_BY_NIBBLE[(lead & 0xFF) >>> 4];
    }

    private static final byte[] LENGTH_BY_NIBBLE = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};

    public static boolean isValidCodepoint(int c) {
        return (c >= 0 && c < 0xD800) || (c >= 0xE000 && c <= 0x10FFFF);
    }

    private static boolean trail(byte b) { return (b & 0xC0) == 0x80; }

    /**
     * Decodes the code point at {@code pos}; returns {@code cp | (length << 24)}. A malformed byte gives
     * {@link #ERROR} with length 1.
     */
    public static int decode(byte[] s, int pos, int end) {
        int b0 = s[pos] & 0xFF;
        int len = end - pos;
        if (b0 < 0x80) return b0 | (1 << 24);
        if (len >= 2 && (b0 & 0xE0) == 0xC0) {
            int cp = ((b0 & 0x1F) << 6) | (s[pos + 1] & 0x3F);
            if (trail(s[pos + 1]) && cp >= 0x80) return cp | (2 << 24);
        } else if (len >= 3 && (b0 & 0xF0) == 0xE0) {
            int cp = ((b0 & 0x0F) << 12) | ((s[pos + 1] & 0x3F) << 6) | (s[pos + 2] & 0x3F);
            if (trail(s[pos + 1]) && trail(s[pos + 2]) && cp >= 0x800 && isValidCodepoint(cp)) return cp | (3 << 24);
        } else if (len >= 4 && (b0 & 0xF8) == 0xF0) {
            int cp = ((b0 & 0x07) << 18) | ((s[pos + 1] & 0x3F) << 12) | ((s[pos + 2] & 0x3F) << 6) | (s[pos + 3] & 0x3F);
            if (trail(s[pos + 1]) && trail(s[pos + 2]) && trail(s[pos + 3]) && cp >= 0x10000 && isValidCodepoint(cp)) {
                return cp | (4 << 24);
            }
        }
        return ERROR | (1 << 24);
    }

    /**
     * {@link #decode} for text known to be well formed (the trainer's counted runs), without its checks: the
     * lead byte gives the length. Anything beyond U+10FFFF (only malformed input makes one) comes back as
     * {@link #ERROR}, so that it can still index a code point table.
     */
    public static int decodeWellFormed(byte[] s, int pos) {
        int b0 = s[pos] & 0xFF;
        if (b0 < 0x80) return b0 | (1 << 24);
        if (b0 < 0xE0) return ((b0 & 0x1F) << 6 | (s[pos + 1] & 0x3F)) | (2 << 24);
        if (b0 < 0xF0) return ((b0 & 0x0F) << 12 | (s[pos + 1] & 0x3F) << 6 | (s[pos + 2] & 0x3F)) | (3 << 24);
        int cp = (b0 & 0x07) << 18 | (s[pos + 1] & 0x3F) << 12 | (s[pos + 2] & 0x3F) << 6 | (s[pos + 3] & 0x3F);
        return (cp <= 0x10FFFF ? cp : ERROR) | (4 << 24);
    }

    public static int cp(int decoded) { return decoded & 0xFFFFFF; }

    public static int len(int decoded) { return decoded >>> 24; }

    /** True if the bytes at pos are a well-formed character (an encoded U+FFFD counts as well formed). */
    public static boolean isValidAt(byte[] s, int pos, int end) {
        int d = decode(s, pos, end);
        return cp(d) != ERROR || len(d) == 3;
    }

    /** Appends the UTF-8 encoding of a code point. Returns the new length. */
    public static int encode(int cp, byte[] out, int pos) {
        if (cp < 0x80) {
            out[pos] = (byte) cp;
            return pos + 1;
        } else if (cp < 0x800) {
            out[pos] = (byte) (0xC0 | (cp >> 6));
            out[pos + 1] = (byte) (0x80 | (cp & 0x3F));
            return pos + 2;
        } else if (cp < 0x10000) {
            out[pos] = (byte) (0xE0 | (cp >> 12));
            out[pos + 1] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[pos + 2] = (byte) (0x80 | (cp & 0x3F));
            return pos + 3;
        } else {
            out[pos] = (byte) (0xF0 | (cp >> 18));
            out[pos + 1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            out[pos + 2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[pos + 3] = (byte) (0x80 | (cp & 0x3F));
            return pos + 4;
        }
    }

    /** Code points of a UTF-8 string, decoded as SentencePiece does. */
    public static int[] codePoints(byte[] s, int from, int to) {
        int[] out = new int[to - from];
        int n = 0;
        for (int p = from; p < to; ) {
            int d = decode(s, p, to);
            out[n++] = cp(d);
            p += len(d);
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
