package io.winnow.tokenizer.train;

import java.util.Arrays;

/**
 * One part's count of adjacent pairs: ids in order of first sight, and per pair its summed count and the number of
 * distinct units it occurs in (units arrive one after the other, so the last unit seen tells a repeat). Count and
 * unit tally of a pair share a cache line.
 */
final class PairCounter {
    final PairTable table;
    int size;
    int[] left, right;
    /** Per pair two cells: the count, then {@code units << 32 | mark}, where mark is the last unit seen + 1. */
    long[] data;

    /** @param expected how many distinct pairs to make room for (a guess: the tables grow past it) */
    PairCounter(int denseChars, int expected) {
        int cap = Math.max(1 << 12, expected);
        table = new PairTable(denseChars, cap);
        left = new int[cap];
        right = new int[cap];
        data = new long[2 * cap];
    }

    /** Counts one occurrence of (a, b) in unit u (at offset u) of count cnt; returns the pair's id in this part. */
    int add(int a, int b, long cnt, int u) {
        int p = table.get(a, b);
        if (p < 0) {
            p = newPair(a, b);
            table.put(a, b, p);
        }
        data[2 * p] += cnt;
        long d = data[2 * p + 1];
        if ((int) d != u + 1) data[2 * p + 1] = ((d >>> 32) + 1) << 32 | (u + 1);
        return p;
    }

    private int newPair(int a, int b) {
        if (size == left.length) {
            left = Arrays.copyOf(left, size * 2);
            right = Arrays.copyOf(right, size * 2);
            data = Arrays.copyOf(data, size * 4);
        }
        left[size] = a;
        right[size] = b;
        return size++;
    }

    long count(int p) { return data[2 * p]; }

    int units(int p) { return (int) (data[2 * p + 1] >>> 32); }

    /** True the first time unit u asks for pair p after the count (a second pass over the same units). */
    boolean firstAgain(int p, int u) {
        long d = data[2 * p + 1];
        if ((int) d == -(u + 1)) return false;
        data[2 * p + 1] = (d & 0xFFFFFFFF00000000L) | (-(u + 1) & 0xFFFFFFFFL);
        return true;
    }
}
