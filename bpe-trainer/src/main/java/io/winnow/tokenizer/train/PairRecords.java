package io.winnow.tokenizer.train;

import java.util.Arrays;

/**
 * One part's adjacent pairs before they are counted: a record per occurrence (the pair and the count of its unit in
 * one long, the unit in an int), appended to one of {@link #BUCKETS} buckets chosen by the pair's hash. Every
 * occurrence of a pair lands in the same bucket in every part, so each bucket is counted on its own with a table
 * small enough for the core's cache, instead of one large table per part that most occurrences missed in (writing
 * the records is sequential; this made the initial count a third faster on tok_large). Within a bucket the records
 * follow the units' order, so the pair cells are later set by walking the units, front to back, with a cursor per
 * bucket.
 */
final class PairRecords {
    static final int BUCKETS = 128;
    private static final int SHIFT = 64 - Integer.numberOfTrailingZeros(BUCKETS);
    /**
     * Per bucket, a long a record: {@code count << 42 | key} (a count too large for its 22 bits is {@link #LARGE}:
     * read it from the unit); counting replaces it by the pair's number in its bucket.
     */
    final long[][] data = new long[BUCKETS][];
    /** Per bucket, the unit of each record. */
    final int[][] unit = new int[BUCKETS][];
    final int[] size = new int[BUCKETS];

    /** @param expected records to make room for (a guess: buckets grow past it) */
    PairRecords(long expected) {
        int each = (int) Math.min(Integer.MAX_VALUE / 4, expected / BUCKETS + expected / (16L * BUCKETS) + 16);
        for (int b = 0; b < BUCKETS; b++) {
            data[b] = new long[each];
            unit[b] = new int[each];
        }
    }

    /** Char ids (every symbol is a char before the merges) take 21 bits: there are 0x110000 code points. */
    static final int ID_BITS = 21;
    static final long KEY_MASK = (1L << (2 * ID_BITS)) - 1;
    static final long LARGE = (1L << (64 - 2 * ID_BITS)) - 1;

    static long key(int a, int b) { return (long) a << ID_BITS | b; }

    static int left(long key) { return (int) (key >>> ID_BITS); }

    static int right(long key) { return (int) key & ((1 << ID_BITS) - 1); }

    static int bucket(long key) { return (int) ((key * 0x9E3779B97F4A7C15L) >>> SHIFT); }

    /** A unit's count as it goes into each of its records ({@link #addUnit}): computed once per unit, not per pair. */
    static long countBits(long count) { return Math.min(count, LARGE) << (2 * ID_BITS); }

    /**
     * Records every adjacent pair of the unit at {@code arena[u]} (laid out as in {@link SymbolUnits}), whose count
     * is {@code countBits} ({@link #countBits}). One call per unit, the tables in locals: C1, which compiles the
     * training run, inlines no call this size and loads a field at every use.
     */
    void addUnit(int[] arena, int u, long countBits) {
        long[][] data = this.data;
        int[][] unit = this.unit;
        int[] size = this.size;
        for (int i = u + SymbolUnits.HEADER + 2, end = u + SymbolUnits.HEADER + 2 * arena[u]; i < end; i += 2) {
            long key = key(arena[i - 2], arena[i]);
            int k = bucket(key);
            int at = size[k];
            if (at == data[k].length) grow(k);
            data[k][at] = countBits | key;
            unit[k][at] = u;
            size[k] = at + 1;
        }
    }

    private void grow(int k) {
        int at = size[k];
        if ((long) at * 2 > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("input too large for one training run; use --input_sentence_size");
        }
        data[k] = Arrays.copyOf(data[k], at * 2);
        unit[k] = Arrays.copyOf(unit[k], at * 2);
    }
}
