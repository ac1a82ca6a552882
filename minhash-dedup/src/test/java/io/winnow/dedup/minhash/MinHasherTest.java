package io.winnow.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinHasherTest {
    @Test
    void modularArithmeticMatchesBigInteger() {
        SplittableRandom r = new SplittableRandom(7);
        BigInteger p = BigInteger.valueOf(MinHasher.P);
        for (int i = 0; i < 20_000; i++) {
            long x = r.nextLong();
            long a = 1 + r.nextLong(MinHasher.P - 1);
            long b = r.nextLong(MinHasher.P);
            BigInteger ux = new BigInteger(Long.toUnsignedString(x));
            long rx = MinHasher.reduce(x);
            assertEquals(ux.mod(p).longValueExact(), rx);
            long expect = BigInteger.valueOf(a).multiply(BigInteger.valueOf(rx)).add(BigInteger.valueOf(b)).mod(p).longValueExact();
            assertEquals(expect, MinHasher.mulAddMod(a, rx, b));
        }
        // edges
        assertEquals(0, MinHasher.reduce(MinHasher.P));
        assertEquals(0, MinHasher.reduce(0));
        assertEquals(MinHasher.P - 1, MinHasher.mulAddMod(MinHasher.P - 1, 1, 0));
        assertEquals(0, MinHasher.mulAddMod(MinHasher.P - 1, 1, 1));
    }

    @Test
    void sameSeedSameSignatureAndOrderDoesNotMatter() {
        long[] set = {5, 9, 1L << 62, -3, 77};
        long[] rev = {77, -3, 1L << 62, 9, 5, 5};
        long[] s1 = new long[64];
        long[] s2 = new long[64];
        new MinHasher(64, 1).signature(set, set.length, s1);
        new MinHasher(64, 1).signature(rev, rev.length, s2);
        assertArrayEquals(s1, s2);
    }

    @Test
    void agreementEstimatesJaccard() {
        // A = [0, 1000), B = [500, 1500): J = 500 / 1500 = 1/3; C = [100, 1100): J(A, C) = 900/1100
        SplittableRandom r = new SplittableRandom(3);
        long[] universe = new long[1500];
        for (int i = 0; i < universe.length; i++) universe[i] = r.nextLong();
        long[] a = java.util.Arrays.copyOfRange(universe, 0, 1000);
        long[] b = java.util.Arrays.copyOfRange(universe, 500, 1500);
        long[] c = java.util.Arrays.copyOfRange(universe, 100, 1100);
        MinHasher mh = new MinHasher(512, 42);
        long[] sa = new long[512], sb = new long[512], sc = new long[512];
        mh.signature(a, a.length, sa);
        mh.signature(b, b.length, sb);
        mh.signature(c, c.length, sc);
        double jab = MinHasher.estimate(sa, sb, 512);
        double jac = MinHasher.estimate(sa, sc, 512);
        // standard error sqrt(J(1-J)/512) is about 0.02: allow 4 of them
        assertEquals(1.0 / 3, jab, 0.085, "J(A,B)");
        assertEquals(900.0 / 1100, jac, 0.07, "J(A,C)");
        assertEquals(1.0, MinHasher.estimate(sa, sa, 512));
    }

    @Test
    void emptySetHasEmptySignature() {
        long[] s = new long[8];
        new MinHasher(8, 1).signature(new long[0], 0, s);
        for (long v : s) assertEquals(MinHasher.EMPTY, v);
        assertEquals(0.0, MinHasher.estimate(s, s, 8));
        assertTrue(MinHasher.EMPTY > MinHasher.P);
    }
}
