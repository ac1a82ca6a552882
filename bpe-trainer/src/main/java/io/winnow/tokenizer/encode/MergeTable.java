package io.winnow.tokenizer.encode;

/**
 * (left piece id, right piece id) → merged piece id in one open-addressing array of longs, key and value packed
 * in the same word so a lookup costs one cache line: 20 bits left, 20 bits right, 24 bits value (ids < 2^20).
 */
final class MergeTable {
    static final int MAX_ID = 1 << 20;
    private static final long EMPTY = -1L;
    private final long[] slots;
    private final int mask;

    MergeTable(int capacity) {
        int cap = Integer.highestOneBit(Math.max(16, capacity * 2 - 1)) << 1;
        slots = new long[cap];
        java.util.Arrays.fill(slots, EMPTY);
        mask = cap - 1;
    }

    private static int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40);
    }

    /** Adds (l, r) → v unless (l, r) is present. */
    void putIfAbsent(int l, int r, int v) {
        long key = ((long) l << 20) | r;
        int i = slot(key) & mask;
        while (slots[i] != EMPTY) {
            if ((slots[i] >>> 24) == key) return;
            i = (i + 1) & mask;
        }
        slots[i] = (key << 24) | v;
    }

    /** The merged id, or -1. */
    int get(int l, int r) {
        long key = ((long) l << 20) | r;
        int i = slot(key) & mask;
        while (true) {
            long s = slots[i];
            if (s == EMPTY) return -1;
            if ((s >>> 24) == key) return (int) (s & 0xFFFFFF);
            i = (i + 1) & mask;
        }
    }
}
