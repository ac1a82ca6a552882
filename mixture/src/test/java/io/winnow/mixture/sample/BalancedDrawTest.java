package io.winnow.mixture.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The balanced draw keeps each document's probability and lands within one document of the expected tokens,
 * where independent coin flips scatter by the square root of the count.
 */
class BalancedDrawTest {
    record Doc(double p, int tokens) {}

    static List<Doc> docs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Doc> d = new ArrayList<>();
        for (int i = 0; i < n; i++) d.add(new Doc(0.02 + 0.96 * r.nextDouble(), 1 + (int) Math.exp(r.nextDouble() * 8)));
        return d;
    }

    static boolean[] draw(List<Doc> docs, long seed) {
        boolean[] taken = new boolean[docs.size()];
        BalancedDraw b = new BalancedDraw(seed, Hash64.COPIES, u -> taken[u.ordinal] = true);
        for (int i = 0; i < docs.size(); i++) {
            b.offer(new BalancedDraw.Unit(docs.get(i).p(), docs.get(i).tokens(), i * 7919L, 0, i, 0, 0));
        }
        b.finish();
        return taken;
    }

    @Test
    void tokensLandWithinOneDocumentOfTheirExpectation() {
        List<Doc> docs = docs(5000, 1);
        double expected = 0;
        int largest = 0;
        for (Doc d : docs) {
            expected += d.p() * d.tokens();
            largest = Math.max(largest, d.tokens());
        }
        for (long seed = 0; seed < 50; seed++) {
            boolean[] t = draw(docs, seed);
            long got = 0;
            for (int i = 0; i < t.length; i++) if (t[i]) got += docs.get(i).tokens();
            assertTrue(Math.abs(got - expected) <= largest, "seed " + seed + ": " + got + " vs " + expected);
        }
    }

    @Test
    void everyDocumentKeepsItsProbability() {
        List<Doc> docs = docs(40, 2);
        int runs = 20_000;
        int[] hits = new int[docs.size()];
        for (long seed = 0; seed < runs; seed++) {
            boolean[] t = draw(docs, seed);
            for (int i = 0; i < t.length; i++) if (t[i]) hits[i]++;
        }
        for (int i = 0; i < docs.size(); i++) {
            double p = docs.get(i).p();
            double sd = Math.sqrt(p * (1 - p) / runs);
            assertEquals(p, hits[i] / (double) runs, 5 * sd, "document " + i);
        }
    }

    @Test
    void sameSeedSameDraw() {
        List<Doc> docs = docs(1000, 3);
        assertEquals(java.util.Arrays.toString(draw(docs, 9)), java.util.Arrays.toString(draw(docs, 9)));
    }
}
