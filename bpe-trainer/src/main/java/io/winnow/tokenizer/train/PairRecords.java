package io.winnow.tokenizer.train;

import java.util.Arrays;

/**
 * One part's adjacent pairs before they are counted: a record per occurrence (the pair and the count of its unit in
 * one long, its pair cell and its unit in another), appended to one of {@link #BUCKETS} buckets chosen by the pair's
 * hash. Every occurrence of a pair lands in the same bucket in every part, so each bucket is counted on its own with
 * a table small enough for the core's cache, instead of one large table per part that most occurrences missed in
 * (writing the records is sequential; this made the initial count a third faster on tok_large).
 */
final class PairRecords {
    static final int BUCKETS = 128;
    private static final int SHIFT = 64 - Integer.numberOfTrailingZeros(BUCKETS);
    /**
     * Per bucket, two longs a record: {@code count << 42 | key} (a count too large for its 22 bits is
     * {@link #LARGE}: read it from the unit), then {@code cell << 32 | unit}.
     */
    final long[][] data = new long[BUCKETS][];
    final int[] size = new int[BUCKETS];

    /** @param expected records to make room for (a guess: buckets grow past it) */
    PairRecords(long expected) {
        int each = (int) Math.min(Integer.MAX_VALUE / 4, 2 * (expected / BUCKETS + expected / (16L * BUCKETS) + 16));
        for (int b = 0; b < BUCKETS; b++) data[b] = new long[each];
    }

    /** Char ids (every symbol is a char before the merges) take 21 bits: there are 0x110000 code points. */
    static final int ID_BITS = 21;
    static final long KEY_MASK = (1L << (2 * ID_BITS)) - 1;
    static final long LARGE = (1L << (64 - 2 * ID_BITS)) - 1;

    static long key(int a, int b) { return (long) a << ID_BITS | b; }

    static int left(long key) { return (int) (key >>> ID_BITS); }

    static int right(long key) { return (int) key & ((1 << ID_BITS) - 1); }

    static int bucket(long key) { return (int) ((key * 0x9E3779B97F4A7C15L) >>> SHIFT); }

    void add(int a, int b, long count, int cell, int unit) {
        long key = key(a, b);
        int k = bucket(key);
        long[] d = data[k];
        int at = 2 * size[k];
        if (at + 2 > d.length) {
            if ((long) d.length * 2 > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("input too large for one training run; use --input_sentence_size");
            }
            d = data[k] = Arrays.copyOf(d, d.length * 2);
        }
        d[at] = Math.min(count, LARGE) << (2 * ID_BITS) | key;
        d[at + 1] = (long) cell << 32 | (unit & 0xFFFFFFFFL);
        size[k]++;
    }
}
