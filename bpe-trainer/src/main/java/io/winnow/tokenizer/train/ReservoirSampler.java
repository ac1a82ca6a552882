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

    List<T> sample() { return sample; }
}
