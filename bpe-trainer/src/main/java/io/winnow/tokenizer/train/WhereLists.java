package io.winnow.tokenizer.train;

import java.util.Arrays;

/**
 * The units of each pair born in a merge, in one int pool instead of an array per pair: a list is a block of 2^k
 * cells that moves to a block twice as large when full, and freed blocks are reused by size. A long training run
 * makes millions of small lists; as objects, the garbage collector would trace and copy them again and again.
 */
final class WhereLists {
    private int[] pool = new int[1 << 16];
    private int used;
    /**
     * Per size class k (blocks of 2^k cells): the free blocks, a stack. Kept apart from the pool: a free list linked
     * through the blocks themselves cost a cache miss per allocation.
     */
    private final int[][] freeBlocks = new int[32][];
    private final int[] freeCount = new int[32];
    /** Lists by pair id - first: block start, size, size class (0 = no block). */
    private int[] start = new int[1 << 12], size = new int[1 << 12];
    private byte[] sizeClass = new byte[1 << 12];
    private final int first;

    /** Lists for pairs with ids from {@code firstPair} on. */
    WhereLists(int firstPair) { first = firstPair; }

    int[] pool() { return pool; }

    int start(int pair) { return has(pair) ? start[index(pair)] : 0; }

    int size(int pair) { return has(pair) ? size[index(pair)] : 0; }

    private boolean has(int pair) { return pair >= first && index(pair) < start.length; }

    private int index(int pair) { return pair - first; }

    /** Adds a unit to a pair's list unless it is the last one there (a unit is visited once per merge). */
    void add(int pair, int unit) {
        if (pair < first) throw new IllegalStateException("pair " + pair + " of the initial count gained a unit");
        int i = index(pair);
        if (i >= start.length) {
            int n = Math.max(i + 1, start.length * 2);
            start = Arrays.copyOf(start, n);
            size = Arrays.copyOf(size, n);
            sizeClass = Arrays.copyOf(sizeClass, n);
        }
        int n = size[i], k = sizeClass[i];
        if (k == 0) {
            start[i] = allocate(1);
            sizeClass[i] = 1;
        } else if (pool[start[i] + n - 1] == unit) {
            return;
        } else if (n == 1 << k) {
            int moved = allocate(k + 1);
            System.arraycopy(pool, start[i], pool, moved, n);
            release(start[i], k);
            start[i] = moved;
            sizeClass[i] = (byte) (k + 1);
        }
        pool[start[i] + n] = unit;
        size[i] = n + 1;
    }

    /** Drops a pair's list (its pair was merged or can never be). */
    void free(int pair) {
        if (!has(pair)) return;
        int i = index(pair);
        if (sizeClass[i] == 0) return;
        release(start[i], sizeClass[i]);
        size[i] = 0;
        sizeClass[i] = 0;
    }

    private int allocate(int k) {
        if (freeCount[k] > 0) return freeBlocks[k][--freeCount[k]];
        int cells = 1 << k;
        if (used + cells > pool.length) {
            long grown = Math.max((long) pool.length * 2, (long) used + cells);
            if (grown > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("input too large for one training run; use --input_sentence_size");
            pool = Arrays.copyOf(pool, (int) grown);
        }
        int b = used;
        used += cells;
        return b;
    }

    private void release(int block, int k) {
        int[] stack = freeBlocks[k];
        if (stack == null) stack = freeBlocks[k] = new int[64];
        else if (freeCount[k] == stack.length) stack = freeBlocks[k] = Arrays.copyOf(stack, stack.length * 2);
        stack[freeCount[k]++] = block;
    }
}
