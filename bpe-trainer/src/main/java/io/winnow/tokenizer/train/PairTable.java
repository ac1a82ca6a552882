package io.winnow.tokenizer.train;

import java.util.Arrays;

/**
 * Pair id by symbol pair: a dense grid for pairs of the most frequent chars (ids are numbered by frequency, so
 * most lookups land there) and an open-addressing table with key and value side by side (one cache miss a probe)
 * for the rest. Used while counting the initial pairs; merges find pairs through the positions instead.
 */
final class PairTable {
    private final int dense;
    private final int[] grid;
    private long[] slots;  // key + 1 (0 = empty), value, key + 1, value, ...
    private int size, mask;

    /** @param expected pairs to make room for without growing (most of them outside the grid) */
    PairTable(int denseSide, int expected) {
        dense = denseSide;
        grid = new int[dense * dense];
        Arrays.fill(grid, -1);
        int slotCount = Integer.highestOneBit(Math.max(1 << 12, Math.min(1 << 21, expected)) * 2 - 1) * 2;
        slots = new long[2 * slotCount];
        mask = slotCount - 1;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    private static long key(int a, int b) { return ((long) a << 32 | (b & 0xFFFFFFFFL)) + 1; }

    /** The id of (a, b), or -1. */
    int get(int a, int b) {
        if (a < dense && b < dense) return grid[a * dense + b];
        long k = key(a, b);
        for (int s = slot(k, mask); ; s = (s + 1) & mask) {
            long have = slots[2 * s];
            if (have == k) return (int) slots[2 * s + 1];
            if (have == 0) return -1;
        }
    }

    /** Stores the id of a pair not yet present. */
    void put(int a, int b, int id) {
        if (a < dense && b < dense) {
            grid[a * dense + b] = id;
            return;
        }
        if (++size * 2 > mask + 1) grow();
        insert(slots, mask, key(a, b), id);
    }

    private static void insert(long[] t, int mask, long k, long v) {
        int s = slot(k, mask);
        while (t[2 * s] != 0) s = (s + 1) & mask;
        t[2 * s] = k;
        t[2 * s + 1] = v;
    }

    private void grow() {
        int m = (mask + 1) * 2 - 1;
        long[] t = new long[2 * (m + 1)];
        for (int s = 0; s <= mask; s++) if (slots[2 * s] != 0) insert(t, m, slots[2 * s], slots[2 * s + 1]);
        slots = t;
        mask = m;
    }
}
