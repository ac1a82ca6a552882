package io.winnow.tokenizer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Uniform sample of at most {@code size} items from a stream in one pass (Algorithm R, seeded). */
final class ReservoirSampler<T> {
    private final long size;
    private final List<T> sample = new ArrayList<>();
    private final SplittableRandom random;
    private long total;

    ReservoirSampler(long size, long seed) {
        this.size = size;
        this.random = new SplittableRandom(seed);
    }

    void add(T item) {
        total++;
        if (sample.size() < size) {
            sample.add(item);
        } else {
            long n = random.nextLong(total);
            if (n < size) sample.set((int) n, item);
        }
    }

    long total() { return total; }

    List<T> sample() { return sample; }
}
