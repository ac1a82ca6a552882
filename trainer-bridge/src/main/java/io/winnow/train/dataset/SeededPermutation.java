package io.winnow.train.dataset;

/**
 * A pseudo-random permutation of {@code [0, n)} computed on demand, with no table: a four-round Feistel network
 * on the smallest even number of bits covering n, with cycle-walking to stay below n. A shuffle of billions of
 * samples then costs no memory, and resuming at position k needs nothing but k.
 */
public final class SeededPermutation {
    private final long n;
    private final int halfBits;
    private final long halfMask;
    private final long[] keys = new long[4];

    public SeededPermutation(long n, long seed) {
        if (n < 1) throw new IllegalArgumentException("cannot permute " + n + " items");
        this.n = n;
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
        this.halfBits = Math.max(1, (bits + 1) / 2);
        this.halfMask = (1L << halfBits) - 1;
        long s = seed;
        for (int i = 0; i < keys.length; i++) {
            s += 0x9E3779B97F4A7C15L;
            keys[i] = mix(s);
        }
    }

    public long size() { return n; }

    /** The item at position {@code i} of the shuffled order. */
    public long apply(long i) {
        if (i < 0 || i >= n) throw new IndexOutOfBoundsException(i + " of " + n);
        long x = i;
        do {
            x = encrypt(x);
        } while (x >= n);
        return x;
    }

    private long encrypt(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (long k : keys) {
            long next = left ^ (mix(right ^ k) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    /** SplitMix64's finalizer: a cheap 64-bit mix with full avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
