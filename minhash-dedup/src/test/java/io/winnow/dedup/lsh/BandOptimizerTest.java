package io.winnow.dedup.lsh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BandOptimizerTest {
    @Test
    void matchesTheValuesDatasketchAndTextDedupPublish() {
        // text-dedup's docstring: optimal_param(0.7, 256) == (25, 10); recomputed for 250 and 240
        assertEquals(new BandLayout(25, 10), BandOptimizer.optimal(0.7, 256));
        assertEquals(new BandLayout(25, 10), BandOptimizer.optimal(0.7, 250));
        assertEquals(new BandLayout(24, 10), BandOptimizer.optimal(0.7, 240));
    }

    @Test
    void matchesRedPajamaV2BandsFor128Permutations() {
        // RPv2 README: 0.7 -> 14 x 9, 0.8 -> 9 x 13, 0.9 -> 5 x 25, 1.0 -> 1 x 128
        assertEquals(new BandLayout(14, 9), BandOptimizer.optimal(0.7, 128));
        assertEquals(new BandLayout(9, 13), BandOptimizer.optimal(0.8, 128));
        assertEquals(new BandLayout(5, 25), BandOptimizer.optimal(0.9, 128));
        assertEquals(new BandLayout(1, 128), BandOptimizer.optimal(1.0, 128));
    }

    @Test
    void sCurveOfTheFinewebAndNemoLayouts() {
        BandLayout fineweb = new BandLayout(14, 8);
        // datatrove's comment: P(match | s = 0.8) = 1 - (1 - 0.8^8)^14 = 0.924, threshold ~ 0.72
        assertEquals(0.924, fineweb.probability(0.8), 0.0005);
        assertEquals(0.719, fineweb.threshold(), 0.001);
        BandLayout nemo = new BandLayout(20, 13);
        assertEquals(0.794, nemo.threshold(), 0.001); // (1/20)^(1/13)
        assertEquals(112, fineweb.permutations());
    }

    @Test
    void bandKeysDependOnBandIndexAndValues() {
        BandLayout l = new BandLayout(2, 2);
        long[] sig = {1, 2, 1, 2};
        long[] keys = new long[2];
        l.keys(sig, keys);
        // same values in two bands still give different buckets
        org.junit.jupiter.api.Assertions.assertNotEquals(keys[0], keys[1]);
        long[] other = {1, 2, 9, 9};
        long[] k2 = new long[2];
        l.keys(other, k2);
        assertEquals(keys[0], k2[0]);
    }
}
