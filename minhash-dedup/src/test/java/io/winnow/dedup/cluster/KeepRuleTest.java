package io.winnow.dedup.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeepRuleTest {
    @Test
    void rulesAndTheirTieBreaks() {
        // candidate (g=5, 900 bytes, q=0.2) against best (g=3, 800 bytes, q=0.9)
        assertFalse(KeepRule.FIRST.better(5, 900, 0.2, 3, 800, 0.9));
        assertTrue(KeepRule.LONGEST.better(5, 900, 0.2, 3, 800, 0.9));
        assertFalse(KeepRule.QUALITY.better(5, 900, 0.2, 3, 800, 0.9));
        // ties go to the earlier document
        assertTrue(KeepRule.LONGEST.better(2, 800, 0, 3, 800, 0));
        assertFalse(KeepRule.QUALITY.better(4, 1, 0.5, 3, 1, 0.5));
    }
}
