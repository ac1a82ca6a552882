package io.winnow.tokenizer.train;

import java.util.Arrays;

/**
 * Distinct byte strings with a count each, in flat arrays: the strings back to back in one byte arena (each after
 * its 4-byte length), per entry (in order of first sight) its offset, hash and count, and an open-addressing table
 * of hash and entry. No object per entry. Word frequencies are skewed and frequent words are seen first, so a small
 * direct-mapped cache of recently used entries answers most lookups from memory that stays in the CPU cache
 * (low entry numbers, the start of the arena) instead of a miss in the large table.
 */
final class ByteCountMap {
    private byte[] arena = new byte[1 << 16];
    private int arenaSize;
    private long contentBytes;
    private int[] offset = new int[1 << 10], hash = new int[1 << 10];
    private long[] count = new long[1 << 10];
    private int size;
    private long[] table = new long[1 << 11];  // HashSlots
    private int mask = table.length - 1;
    /** Entry + 1 by the top hash bits; 0 = none. 2^17 slots (512 KB) catch 3 in 4 lookups on tok_large. */
    private final int[] recent = new int[1 << RECENT_BITS];
    private static final int RECENT_BITS = 17;

    int size() { return size; }

    static int hash(byte[] s, int off, int len) {
        int h = 0x811C9DC5 ^ len;
        for (int i = off, e = off + len; i < e; i++) h = (h ^ (s[i] & 0xFF)) * 0x01000193;
        return HashSlots.finish(h);
    }

    void add(byte[] s, int off, int len, long n) {
        add(s, off, len, hash(s, off, len), n);
    }

    private static int lengthAt(byte[] a, int o) {
        return (a[o] & 0xFF) | (a[o + 1] & 0xFF) << 8 | (a[o + 2] & 0xFF) << 16 | a[o + 3] << 24;
    }

    private boolean same(int e, byte[] s, int off, int len) {
        int o = offset[e];
        return lengthAt(arena, o) == len && Arrays.equals(arena, o + 4, o + 4 + len, s, off, off + len);
    }

    private void add(byte[] s, int off, int len, int h, long n) {
        int r = h >>> (32 - RECENT_BITS);
        int e = recent[r] - 1;
        if (e >= 0 && hash[e] == h && same(e, s, off, len)) {
            count[e] += n;
            return;
        }
        int slot = h & mask;
        while (true) {
            long v = table[slot];
            if (v == 0) break;
            e = (int) v - 1;
            if ((int) (v >>> 32) == h && same(e, s, off, len)) {
                count[e] += n;
                recent[r] = e + 1;
                return;
            }
            slot = (slot + 1) & mask;
        }
        if (size == offset.length) {
            int c = size * 2;
            offset = Arrays.copyOf(offset, c);
            hash = Arrays.copyOf(hash, c);
            count = Arrays.copyOf(count, c);
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
        offset[size] = o;
        hash[size] = h;
        count[size] = n;
        table[slot] = (long) h << 32 | ++size;
        recent[r] = size;
        if (size * 2 > table.length) rehash();
    }

    private void rehash() {
        table = HashSlots.grown(table, hash, size);
        mask = table.length - 1;
    }

    /** Adds every entry of another map. */
    void addAll(ByteCountMap o) {
        for (int e = 0; e < o.size; e++) {
            int off = o.offset[e];
            add(o.arena, off + 4, lengthAt(o.arena, off), o.hash[e], o.count[e]);
        }
    }

    /** Ends adding: drops the hash table. */
    void seal() {
        table = null;
        hash = null;
    }

    byte[] arena() { return arena; }
    int offset(int e) { return offset[e] + 4; }
    int length(int e) { return lengthAt(arena, offset[e]); }
    long count(int e) { return count[e]; }

    /** Bytes of all distinct strings (without the length prefixes). */
    long totalBytes() { return contentBytes; }
}
