package io.winnow.tokenizer.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Pooled unit lists: growing, freeing and reusing blocks never mixes two lists. */
class WhereListsTest {
    @Test
    void listsStayApartThroughGrowthAndReuse() {
        int first = 1000;
        WhereLists lists = new WhereLists(first);
        Map<Integer, List<Integer>> expected = new HashMap<>();
        Random random = new Random(11);
        for (int step = 0; step < 300_000; step++) {
            int pair = first + random.nextInt(2000);
            if (random.nextInt(50) == 0) {
                lists.free(pair);
                expected.remove(pair);
            } else {
                int unit = random.nextInt(1_000_000);
                lists.add(pair, unit);
                List<Integer> l = expected.computeIfAbsent(pair, k -> new ArrayList<>());
                if (l.isEmpty() || l.get(l.size() - 1) != unit) l.add(unit);  // a repeat of the last unit is kept once
            }
            if (step % 1000 == 0) {
                lists.add(pair, 42);
                lists.add(pair, 42);
                List<Integer> l = expected.computeIfAbsent(pair, k -> new ArrayList<>());
                if (l.isEmpty() || l.get(l.size() - 1) != 42) l.add(42);
            }
        }
        for (int pair = first; pair < first + 2000; pair++) {
            List<Integer> want = expected.getOrDefault(pair, List.of());
            assertEquals(want.size(), lists.size(pair), "size of pair " + pair);
            for (int i = 0; i < want.size(); i++) {
                assertEquals(want.get(i), lists.pool()[lists.start(pair) + i], "pair " + pair + " entry " + i);
            }
        }
        assertEquals(0, lists.size(5), "pairs of the initial count have no list here");
        assertThrows(IllegalStateException.class, () -> lists.add(5, 1));
    }
}
