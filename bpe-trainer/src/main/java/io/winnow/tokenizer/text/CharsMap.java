package io.winnow.tokenizer.text;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A SentencePiece {@code precompiled_charsmap}: a little-endian uint32 trie size, a darts-clone double array of that
 * many bytes, then the NUL-terminated replacement strings. {@link #longestMatch} does darts' common-prefix search.
 */
final class CharsMap {
    private final int[] units;
    private final byte[] replacements;

    CharsMap(byte[] blob) {
        if (blob.length < 4) throw new IllegalArgumentException("precompiled_charsmap is too short");
        ByteBuffer bb = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        int trieSize = bb.getInt();
        if (trieSize < 0 || trieSize % 4 != 0 || 4 + trieSize > blob.length) {
            throw new IllegalArgumentException("precompiled_charsmap has a bad trie size " + trieSize);
        }
        units = new int[trieSize / 4];
        for (int i = 0; i < units.length; i++) units[i] = bb.getInt();
        replacements = new byte[blob.length - 4 - trieSize];
        bb.get(replacements);
    }

    private static boolean hasLeaf(int u) { return ((u >>> 8) & 1) == 1; }
    private static int value(int u) { return u & 0x7FFFFFFF; }
    private static int label(int u) { return u & (0x80000000 | 0xFF); }
    private static int offset(int u) { return (u >>> 10) << ((u & (1 << 9)) >>> 6); }

    /** Returns {@code (replacementOffset << 8) | matchLength} of the longest match at pos, or 0. */
    long longestMatch(byte[] s, int pos, int end) {
        if (units.length == 0) return 0;
        int node = 0;
        int unit = units[0];
        node ^= offset(unit);
        long best = 0;
        for (int i = pos; i < end; i++) {
            int c = s[i] & 0xFF;
            node ^= c;
            if (node < 0 || node >= units.length) break;
            unit = units[node];
            if (label(unit) != c) break;
            node ^= offset(unit);
            if (hasLeaf(unit)) {
                if (node < 0 || node >= units.length) break;
                best = ((long) value(units[node]) << 8) | (i - pos + 1);
            }
        }
        return best;
    }

    /** Appends the NUL-terminated replacement at {@code off}. Returns the first appended index. */
    void appendReplacement(int off, ByteBuf out) {
        int e = off;
        while (e < replacements.length && replacements[e] != 0) e++;
        out.add(replacements, off, e - off);
    }
}
