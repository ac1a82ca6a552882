package io.winnow.dedup.minhash;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * MinHash signatures with {@code numPerm} universal hash functions {@code h_i(x) = (a_i·x + b_i) mod p},
 * p = 2^61 − 1 (the Mersenne-prime family datatrove and datasketch use), computed with 64-bit
 * multiplies and no allocation. The coefficients depend only on the seed, so every worker and
 * every engine (local or Spark) computes the same signature for the same shingles.
 *
 * <p>For two shingle sets A and B, each signature position agrees with probability
 * J(A, B) = |A ∩ B| / |A ∪ B|. Instances are immutable and thread-safe.
 */
public final class MinHasher {
    /** The Mersenne prime 2^61 − 1. */
    public static final long P = (1L << 61) - 1;
    /** Signature value of a position that saw no shingle (never equal to a real value). */
    public static final long EMPTY = Long.MAX_VALUE;

    private final long[] a;
    private final long[] b;
    private final long seed;

    public MinHasher(int numPerm, long seed) {
        if (numPerm < 1) throw new IllegalArgumentException("num_perm must be at least 1, got " + numPerm);
        this.seed = seed;
        a = new long[numPerm];
        b = new long[numPerm];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < numPerm; i++) {
            a[i] = 1 + r.nextLong(P - 1); // [1, p)
            b[i] = r.nextLong(P);         // [0, p)
        }
    }

    public int numPerm() { return a.length; }

    public long seed() { return seed; }

    /**
     * Writes the signature of the first {@code n} shingle hashes into {@code out[0..numPerm)}.
     * With n = 0 every position is {@link #EMPTY}.
     */
    public void signature(long[] shingles, int n, long[] out) {
        int k = a.length;
        Arrays.fill(out, 0, k, EMPTY);
        for (int i = 0; i < n; i++) {
            long x = reduce(shingles[i]);
            for (int j = 0; j < k; j++) {
                long v = mulAddMod(a[j], x, b[j]);
                if (v < out[j]) out[j] = v;
            }
        }
    }

    /** x mod p for any 64-bit x (read as unsigned). */
    static long reduce(long x) {
        long r = (x & P) + (x >>> 61);
        return r >= P ? r - P : r;
    }

    /** (a·x + b) mod p for a, x, b in [0, p). */
    static long mulAddMod(long a, long x, long b) {
        long lo = a * x;
        long hi = Math.multiplyHigh(a, x); // a, x < 2^61: the product is below 2^122, hi below 2^58
        // a·x = hi·2^64 + lo = (hi·8 + lo/2^61)·2^61 + lo mod 2^61, and 2^61 ≡ 1 (mod p); each term is below 2^61
        long v = (lo & P) + ((lo >>> 61) | (hi << 3)) + b;
        v = (v & P) + (v >>> 61);
        return v >= P ? v - P : v;
    }

    /** Share of positions where two signatures agree: an unbiased estimate of their Jaccard similarity. */
    public static double estimate(long[] s1, long[] s2, int k) {
        int eq = 0;
        for (int i = 0; i < k; i++) if (s1[i] == s2[i] && s1[i] != EMPTY) eq++;
        return (double) eq / k;
    }
}
