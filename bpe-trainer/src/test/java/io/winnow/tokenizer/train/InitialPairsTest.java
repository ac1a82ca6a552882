package io.winnow.tokenizer.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bucketed pair count against a plain map: counts (including unit counts too large for a record's count bits),
 * the units of each pair in arena order and once each, every pair cell naming its pair, and pairs with the unknown
 * char listed nowhere.
 */
class InitialPairsTest {
    @Test
    void bucketedCountEqualsAPlainCount() throws Exception {
        Random random = new Random(11);
        int unknown = 40;
        int parts = 2, unitsPerPart = 3000;
        List<int[]> symbols = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < parts * unitsPerPart; i++) {
            int[] s = new int[2 + random.nextInt(9)];
            for (int j = 0; j < s.length; j++) s[j] = random.nextInt(100) < 2 ? unknown : random.nextInt(random.nextBoolean() ? 6 : 40);
            symbols.add(s);
            counts.add(random.nextInt(50) == 0 ? 5_000_000_000L + random.nextInt(1000) : 1 + random.nextInt(20));
        }
        int cells = 0;
        for (int[] s : symbols) cells += SymbolUnits.HEADER + 2 * s.length;
        int[] arena = new int[cells];
        int[] unitAt = new int[symbols.size()];
        PairRecords[] records = new PairRecords[parts];
        int u = 0;
        for (int k = 0; k < parts; k++) {
            records[k] = new PairRecords(10);  // small: the buckets must grow
            for (int i = k * unitsPerPart; i < (k + 1) * unitsPerPart; i++) {
                int[] s = symbols.get(i);
                long cnt = counts.get(i);
                unitAt[i] = u;
                arena[u] = s.length;
                arena[u + 1] = (int) cnt;
                arena[u + 2] = (int) (cnt >>> 32);
                for (int j = 0; j < s.length; j++) arena[u + SymbolUnits.HEADER + 2 * j] = s[j];
                records[k].addUnit(arena, u, PairRecords.countBits(cnt));
                u += SymbolUnits.HEADER + 2 * s.length;
            }
        }
        int[] partUnits = new int[parts + 1];
        for (int k = 0; k <= parts; k++) partUnits[k] = k * unitsPerPart;
        InitialPairs r = InitialPairs.count(records, arena, unitAt, partUnits, unknown, parts);

        Map<Long, Long> expectCount = new HashMap<>();
        Map<Long, LinkedHashSet<Integer>> expectUnits = new HashMap<>();
        for (int i = 0; i < symbols.size(); i++) {
            int[] s = symbols.get(i);
            for (int j = 1; j < s.length; j++) {
                long key = (long) s[j - 1] << 32 | s[j];
                expectCount.merge(key, counts.get(i), Long::sum);
                expectUnits.computeIfAbsent(key, x -> new LinkedHashSet<>()).add(unitAt[i]);
            }
        }
        assertEquals(expectCount.size(), r.size);
        for (int p = 0; p < r.size; p++) {
            long key = (long) r.left[p] << 32 | r.right[p];
            assertEquals(expectCount.get(key), r.count[p], "count of pair " + r.left[p] + "," + r.right[p]);
            boolean invalid = r.left[p] == unknown || r.right[p] == unknown;
            assertEquals(invalid ? 1 : 0, r.invalid[p]);
            List<Integer> listed = new ArrayList<>();
            for (int w = r.whereStart[p]; w < r.whereStart[p] + r.whereSize[p]; w++) listed.add(r.where[w]);
            assertEquals(invalid ? List.of() : new ArrayList<>(expectUnits.get(key)), listed, "units of pair " + p);
        }
        for (int i = 0; i < symbols.size(); i++) {
            int[] s = symbols.get(i);
            for (int j = 1; j < s.length; j++) {
                int p = arena[unitAt[i] + SymbolUnits.HEADER + 2 * j - 1];
                assertTrue(r.left[p] == s[j - 1] && r.right[p] == s[j], "pair cell of unit " + i + " at " + j);
            }
        }
    }
}
