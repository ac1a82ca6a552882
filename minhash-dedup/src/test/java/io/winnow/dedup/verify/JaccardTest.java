package io.winnow.dedup.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JaccardTest {
    @Test
    void sortedSetJaccard() {
        int[] a = {-5, 1, 2, 3, 9};
        int[] b = {1, 3, 4, 9, 12, 20};
        // intersection {1, 3, 9} = 3, union 8
        assertEquals(3.0 / 8, Jaccard.of(a, a.length, b, b.length), 1e-12);
        assertEquals(1.0, Jaccard.of(a, a.length, a, a.length));
        assertEquals(0.0, Jaccard.of(a, 0, b, 0));
        assertEquals(0.0, Jaccard.of(a, a.length, b, 0));
    }

    @Test
    void signatureAgreement() {
        assertEquals(0.5, Jaccard.agreement(new int[] {1, 2, 3, 4}, new int[] {1, 0, 3, 0}, 4));
    }
}
