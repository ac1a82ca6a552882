package io.winnow.tokenizer.train;

import java.util.Arrays;

/**
 * Distinct byte strings with a count each, in flat arrays: the strings back to back in one byte arena, an open-
 * addressing table of entry indexes, and per entry its offset, length, hash and count. No object per entry, so a
 * corpus' worth of distinct words costs little more than their bytes.
 */
final class ByteCountMap {
    private byte[] arena = new byte[1 << 16];
    private int arenaSize;
    private int[] offset = new int[1 << 10], length = new int[1 << 10], hash = new int[1 << 10];
    private long[] count = new long[1 << 10];
    private int size;
    private int[] table = new int[1 << 11];  // entry index + 1; 0 = empty
    private int mask = table.length - 1;

    int size() { return size; }

    static int hash(byte[] s, int off, int len) {
        int h = 0x811C9DC5 ^ len;
        for (int i = off, e = off + len; i < e; i++) h = (h ^ (s[i] & 0xFF)) * 0x01000193;
        return h ^ (h >>> 16);
    }

    void add(byte[] s, int off, int len, long n) {
        add(s, off, len, hash(s, off, len), n);
    }

    private void add(byte[] s, int off, int len, int h, long n) {
        int slot = h & mask;
        while (true) {
            int e = table[slot] - 1;
            if (e < 0) break;
            if (hash[e] == h && length[e] == len
                    && Arrays.equals(arena, offset[e], offset[e] + len, s, off, off + len)) {
                count[e] += n;
                return;
            }
            slot = (slot + 1) & mask;
        }
        if (size == offset.length) {
            int c = size * 2;
            offset = Arrays.copyOf(offset, c);
            length = Arrays.copyOf(length, c);
            hash = Arrays.copyOf(hash, c);
            count = Arrays.copyOf(count, c);
        }
        if (arenaSize + len > arena.length) {
            long c = Math.max((long) arena.length * 2, (long) arenaSize + len);
            if (c > Integer.MAX_VALUE - 8) {
                c = Integer.MAX_VALUE - 8;
                if (arenaSize + len > c) {
                    throw new IllegalArgumentException("more than 2 GB of distinct training units; use --input_sentence_size");
                }
            }
            arena = Arrays.copyOf(arena, (int) c);
        }
        System.arraycopy(s, off, arena, arenaSize, len);
        offset[size] = arenaSize;
        length[size] = len;
        hash[size] = h;
        count[size] = n;
        arenaSize += len;
        table[slot] = ++size;
        if (size * 2 > table.length) rehash();
    }

    private void rehash() {
        int[] t = new int[table.length * 2];
        int m = t.length - 1;
        for (int e = 0; e < size; e++) {
            int slot = hash[e] & m;
            while (t[slot] != 0) slot = (slot + 1) & m;
            t[slot] = e + 1;
        }
        table = t;
        mask = m;
    }

    /** Adds every entry of another map. */
    void addAll(ByteCountMap o) {
        for (int e = 0; e < o.size; e++) add(o.arena, o.offset[e], o.length[e], o.hash[e], o.count[e]);
    }

    byte[] arena() { return arena; }
    int offset(int e) { return offset[e]; }
    int length(int e) { return length[e]; }
    long count(int e) { return count[e]; }

    long totalBytes() { return arenaSize; }

    /** Drops the hash table (entries stay readable). */
    void freeIndex() { table = new int[1]; mask = 0; hash = null; }
}
