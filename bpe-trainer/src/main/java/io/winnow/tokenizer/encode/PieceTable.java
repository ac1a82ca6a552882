package io.winnow.tokenizer.encode;

import java.util.Arrays;

/**
 * An open-addressing hash map from UTF-8 byte strings to ids whose lookups take a slice of a larger buffer, so the
 * encoder can ask "is bytes[off, off+len) a piece?" without allocating.
 */
final class PieceTable {
    private final byte[] keys;     // all keys back to back
    private final int[] keyOff, keyLen, slotId;
    private final int mask;

    PieceTable(byte[][] pieces, int[] ids) {
        int total = 0;
        for (byte[] p : pieces) total += p.length;
        keys = new byte[total];
        keyOff = new int[pieces.length];
        keyLen = new int[pieces.length];
        int cap = Integer.highestOneBit(Math.max(4, pieces.length * 2 + 1)) << 1;
        mask = cap - 1;
        slotId = new int[cap];
        int[] slotKey = new int[cap];
        Arrays.fill(slotKey, -1);
        int off = 0;
        for (int i = 0; i < pieces.length; i++) {
            System.arraycopy(pieces[i], 0, keys, off, pieces[i].length);
            keyOff[i] = off;
            keyLen[i] = pieces[i].length;
            off += pieces[i].length;
        }
        this.slotKey = slotKey;
        for (int i = 0; i < pieces.length; i++) {
            int h = hash(keys, keyOff[i], keyLen[i]) & mask;
            while (slotKey[h] >= 0) {
                if (equals(slotKey[h], keys, keyOff[i], keyLen[i])) break;  // first id wins
                h = (h + 1) & mask;
            }
            if (slotKey[h] < 0) {
                slotKey[h] = i;
                slotId[h] = ids[i];
            }
        }
    }

    private final int[] slotKey;

    static int hash(byte[] s, int off, int len) {
        int h = 0x9E3779B9 ^ len;
        for (int i = off, e = off + len; i < e; i++) h = (h ^ s[i]) * 0x01000193;
        return h ^ (h >>> 15);
    }

    private boolean equals(int key, byte[] s, int off, int len) {
        if (keyLen[key] != len) return false;
        return Arrays.equals(keys, keyOff[key], keyOff[key] + len, s, off, off + len);
    }

    /** Id of the piece {@code s[off, off+len)} or -1. */
    int get(byte[] s, int off, int len) {
        int h = hash(s, off, len) & mask;
        while (true) {
            int k = slotKey[h];
            if (k < 0) return -1;
            if (equals(k, s, off, len)) return slotId[h];
            h = (h + 1) & mask;
        }
    }
}
