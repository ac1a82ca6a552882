package io.winnow.tokenizer.train;

import java.util.ArrayList;
import java.util.List;

/**
 * A uniform sample of at most {@code size} items from a stream in one pass, drawn exactly as SentencePiece's
 * ReservoirSampler draws it (mt19937 seeded with 12345678 unless told otherwise): the first {@code size} items,
 * then item number t replaces slot n when a draw n in [0, t) falls inside the sample.
 */
final class ReservoirSampler<T> {
    private final long size;
    private final List<T> sample = new ArrayList<>();
    private final Mt19937 random;
    private long total;

    ReservoirSampler(long size, long seed) {
        this.size = size;
        this.random = new Mt19937(seed);
    }

    void add(T item) {
        if (size == 0) return;
        total++;
        if (sample.size() < size) {
            sample.add(item);
        } else {
            if (total > 1L << 32) throw new IllegalStateException("more than 2^32 sentences: sample before training");
            long n = random.uniform(total);
            if (n < sample.size()) sample.set((int) n, item);
        }
    }

    long total() { return total; }

    /**
     * Which of {@code total} items (numbered in stream order) the sampler would keep: the same draws as
     * {@link #add}, without the items, so that the items can be read in parallel once their numbers are known.
     */
    static java.util.BitSet chosen(long size, long seed, int total) {
        java.util.BitSet out = new java.util.BitSet(total);
        if (total <= size) {
            out.set(0, total);
            return out;
        }
        int[] slot = new int[(int) size];
        for (int i = 0; i < slot.length; i++) slot[i] = i;
        Mt19937 random = new Mt19937(seed);
        for (long t = size + 1; t <= total; t++) {
            long n = random.uniform(t);
            if (n < size) slot[(int) n] = (int) (t - 1);
        }
        for (int i : slot) out.set(i);
        return out;
    }

    List<T> sample() { return sample; }
}
