package io.winnow.dedup.lsh;

/**
 * Picks bands and rows for a similarity threshold and a number of permutations the way
 * datasketch and text-dedup do: among all b·r ≤ numPerm, minimize
 * {@code fpWeight · ∫₀ᵗ P(s) ds + fnWeight · ∫ₜ¹ (1 − P(s)) ds} with P(s) = 1 − (1 − s^r)^b,
 * i.e. the weighted areas of false positives below the threshold and false negatives above it.
 * Ties keep the first (b, r) in order of increasing b, then r.
 */
public final class BandOptimizer {
    private static final int STEPS = 2000; // composite Simpson intervals per integral (even)

    private BandOptimizer() {}

    public static BandLayout optimal(double threshold, int numPerm) {
        return optimal(threshold, numPerm, 0.5, 0.5);
    }

    public static BandLayout optimal(double threshold, int numPerm, double fpWeight, double fnWeight) {
        if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        if (numPerm < 1) throw new IllegalArgumentException("num_perm must be at least 1, got " + numPerm);
        double best = Double.POSITIVE_INFINITY;
        BandLayout opt = null;
        for (int b = 1; b <= numPerm; b++) {
            for (int r = 1; r <= numPerm / b; r++) {
                double err = fpWeight * falsePositiveArea(threshold, b, r) + fnWeight * falseNegativeArea(threshold, b, r);
                if (err < best) {
                    best = err;
                    opt = new BandLayout(b, r);
                }
            }
        }
        return opt;
    }

    /** ∫₀ᵗ 1 − (1 − s^r)^b ds. */
    public static double falsePositiveArea(double t, int b, int r) {
        return simpson(0, t, s -> 1 - Math.pow(1 - Math.pow(s, r), b));
    }

    /** ∫ₜ¹ (1 − s^r)^b ds. */
    public static double falseNegativeArea(double t, int b, int r) {
        return simpson(t, 1, s -> Math.pow(1 - Math.pow(s, r), b));
    }

    private static double simpson(double lo, double hi, java.util.function.DoubleUnaryOperator f) {
        if (hi <= lo) return 0;
        double h = (hi - lo) / STEPS;
        double sum = f.applyAsDouble(lo) + f.applyAsDouble(hi);
        for (int i = 1; i < STEPS; i++) sum += f.applyAsDouble(lo + i * h) * ((i & 1) == 1 ? 4 : 2);
        return sum * h / 3;
    }
}
