package io.winnow.dedup.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnionFindTest {
    @Test
    void rootIsTheLowestMemberWhateverTheOrderOfUnions() {
        long[][] edges = {{9, 7}, {7, 5}, {100, 3}, {5, 100}, {42, 43}};
        for (int seed = 0; seed < 20; seed++) {
            List<long[]> l = new ArrayList<>(List.of(edges));
            Collections.shuffle(l, new Random(seed));
            UnionFind uf = new UnionFind();
            for (long[] e : l) uf.union(e[0], e[1]);
            for (long x : new long[] {9, 7, 5, 100, 3}) assertEquals(3, uf.find(x));
            assertEquals(42, uf.find(43));
            assertEquals(77, uf.find(77), "an untouched node is its own root");
            assertEquals(7, uf.members().size());
        }
    }

    @Test
    void unionReportsWhetherSetsWereSeparate() {
        UnionFind uf = new UnionFind();
        assertTrue(uf.union(1, 2));
        assertTrue(uf.union(2, 3));
        assertFalse(uf.union(3, 1));
    }

    @Test
    void longChainsStayCorrect() {
        UnionFind uf = new UnionFind();
        for (long i = 100_000; i > 0; i--) uf.union(i, i - 1);
        assertEquals(0, uf.find(100_000));
        assertEquals(0, uf.find(50_000));
    }
}
