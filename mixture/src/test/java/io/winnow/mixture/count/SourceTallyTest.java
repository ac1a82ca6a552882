package io.winnow.mixture.count;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The scale that meets a token target, checked against the per-document definition. */
class SourceTallyTest {
    @Test
    void scaleMeetsTheTargetWhenTheCapBinds() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 20_000;
        double[] w = new double[n];
        int[] t = new int[n];
        SourceTally tally = new SourceTally();
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(r.nextGaussian() * 1.5); // weights over ~3 decades
            t[i] = 10 + r.nextInt(500);
            tally.add(t[i], 4 * t[i], w[i]);
        }
        double cap = 4, valid = 0.05;
        double target = 2.5 * tally.tokens;
        double scale = tally.scaleFor(target, cap, valid);
        double exact = 0;
        for (int i = 0; i < n; i++) {
            exact += (1 - valid) * Math.min(cap, scale * w[i]) * t[i] + valid * Math.min(1, scale * w[i]) * t[i];
        }
        assertEquals(target, exact, 0.002 * target, "histogram solution vs the sum over documents");
        // no cap binding: the plain ratio
        assertEquals(0.3 * tally.tokens / tally.weightedTokens, tally.scaleFor(0.3 * tally.tokens, 1e9, 0), 1e-12);
    }

    @Test
    void survivesItsJsonForm() throws Exception {
        SourceTally a = new SourceTally();
        a.add(12, 40, 0.5);
        a.add(0, 3, 1);
        a.add(7, 20, 0);
        a.rejected("lang == en");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        @SuppressWarnings("unchecked")
        SourceTally b = SourceTally.fromMap(json.readValue(json.writeValueAsString(a.toMap()), Map.class));
        assertEquals(json.writeValueAsString(a.toMap()), json.writeValueAsString(b.toMap()));
        assertEquals(2, b.docs);
        assertEquals(1, b.emptyDocs);
        assertEquals(1, b.zeroWeightDocs);
    }
}
