package io.winnow.tokenizer.train;

import java.util.Arrays;

/**
 * Distinct byte strings with a count each, in flat arrays: the strings back to back in one byte arena (each after
 * its 4-byte length), and an open-addressing table whose slot holds hash, arena offset and count side by side, so
 * a lookup costs about two cache misses (the slot, the string) and there is no object per entry. After
 * {@link #seal()} the entries are readable by index.
 */
final class ByteCountMap {
    private byte[] arena = new byte[1 << 16];
    private int arenaSize;
    private long contentBytes;
    private long[] table = new long[2 << 11];  // per slot: hash << 32 | offset + 1 (0 = empty), count
    private int size, mask = (1 << 11) - 1;
    // after seal(): entries by index
    private int[] offset, length;
    private long[] count;

    int size() { return size; }

    static int hash(byte[] s, int off, int len) {
        int h = 0x811C9DC5 ^ len;
        for (int i = off, e = off + len; i < e; i++) h = (h ^ (s[i] & 0xFF)) * 0x01000193;
        // FNV's low bits (the table slot) mix poorly: finish with murmur3's avalanche
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    void add(byte[] s, int off, int len, long n) {
        add(s, off, len, hash(s, off, len), n);
    }

    private int lengthAt(int o) {
        return (arena[o] & 0xFF) | (arena[o + 1] & 0xFF) << 8 | (arena[o + 2] & 0xFF) << 16 | arena[o + 3] << 24;
    }

    private void add(byte[] s, int off, int len, int h, long n) {
        if (offset != null) throw new IllegalStateException("sealed");
        int slot = h & mask;
        while (true) {
            long v = table[2 * slot];
            if (v == 0) break;
            if ((int) (v >>> 32) == h) {
                int o = (int) v - 1;
                if (lengthAt(o) == len && Arrays.equals(arena, o + 4, o + 4 + len, s, off, off + len)) {
                    table[2 * slot + 1] += n;
                    return;
                }
            }
            slot = (slot + 1) & mask;
        }
        if (arenaSize + 4L + len > arena.length) {
            long c = Math.max((long) arena.length * 2, (long) arenaSize + 4 + len);
            if (c > Integer.MAX_VALUE - 8) {
                c = Integer.MAX_VALUE - 8;
                if (arenaSize + 4L + len > c) {
                    throw new IllegalArgumentException("more than 2 GB of distinct training units; use --input_sentence_size");
                }
            }
            arena = Arrays.copyOf(arena, (int) c);
        }
        int o = arenaSize;
        arena[o] = (byte) len;
        arena[o + 1] = (byte) (len >>> 8);
        arena[o + 2] = (byte) (len >>> 16);
        arena[o + 3] = (byte) (len >>> 24);
        System.arraycopy(s, off, arena, o + 4, len);
        arenaSize += 4 + len;
        contentBytes += len;
        table[2 * slot] = (long) h << 32 | (o + 1);
        table[2 * slot + 1] = n;
        if (++size * 2 > mask + 1) rehash();
    }

    private void rehash() {
        int m = (mask + 1) * 2 - 1;
        long[] t = new long[2 * (m + 1)];
        for (int s = 0; s <= mask; s++) {
            long v = table[2 * s];
            if (v == 0) continue;
            int slot = (int) (v >>> 32) & m;
            while (t[2 * slot] != 0) slot = (slot + 1) & m;
            t[2 * slot] = v;
            t[2 * slot + 1] = table[2 * s + 1];
        }
        table = t;
        mask = m;
    }

    /** Adds every entry of another (unsealed) map. */
    void addAll(ByteCountMap o) {
        for (int s = 0; s <= o.mask; s++) {
            long v = o.table[2 * s];
            if (v == 0) continue;
            int off = (int) v - 1;
            add(o.arena, off + 4, o.lengthAt(off), (int) (v >>> 32), o.table[2 * s + 1]);
        }
    }

    /** Ends adding: drops the hash table and numbers the entries for {@link #offset}, {@link #length}, {@link #count}. */
    void seal() {
        if (offset != null) return;
        offset = new int[size];
        length = new int[size];
        count = new long[size];
        int e = 0;
        for (int s = 0; s <= mask; s++) {
            long v = table[2 * s];
            if (v == 0) continue;
            int o = (int) v - 1;
            offset[e] = o + 4;
            length[e] = lengthAt(o);
            count[e++] = table[2 * s + 1];
        }
        table = null;
    }

    byte[] arena() { return arena; }
    int offset(int e) { return offset[e]; }
    int length(int e) { return length[e]; }
    long count(int e) { return count[e]; }

    /** Bytes of all distinct strings (without the length prefixes). */
    long totalBytes() { return contentBytes; }
}
