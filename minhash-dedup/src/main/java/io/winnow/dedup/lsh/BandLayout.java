package io.winnow.dedup.lsh;

import io.winnow.dedup.hash.Hash64;

/**
 * LSH banding: the first {@code bands × rows} positions of a signature cut into {@code bands}
 * bands of {@code rows} values; two documents are candidates when any band is identical. Each
 * band becomes one 64-bit bucket key (band index mixed in, so equal values in different bands
 * never share a bucket).
 */
public record BandLayout(int bands, int rows) implements java.io.Serializable {
    public BandLayout {
        if (bands < 1 || rows < 1) throw new IllegalArgumentException("bands and rows must be at least 1, got " + bands + " x " + rows);
    }

    public int permutations() { return bands * rows; }

    /** Writes the bucket key of every band into {@code keys[0..bands)}. */
    public void keys(long[] signature, long[] keys) {
        for (int i = 0; i < bands; i++) keys[i] = key(signature, i);
    }

    public long key(long[] signature, int band) {
        return Hash64.longs(signature, band * rows, rows, 0xB4D0_0000L + band);
    }

    /** P(two documents of Jaccard s share at least one band) = 1 − (1 − s^r)^b. */
    public double probability(double s) {
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }

    /** Similarity where the S-curve is steepest, about (1/b)^(1/r). */
    public double threshold() {
        return Math.pow(1.0 / bands, 1.0 / rows);
    }
}
