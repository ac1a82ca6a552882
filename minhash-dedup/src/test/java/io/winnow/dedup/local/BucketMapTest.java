package io.winnow.dedup.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketMapTest {
    @TempDir Path tmp;

    @Test
    void bucketsKeepTheirLowestDocumentsInAnyOrderAndSurviveReopening() throws Exception {
        List<Long> docs = new ArrayList<>(List.of(50L, 7L, 12L, 3L, 99L, 12L, 40L));
        Collections.shuffle(docs, new Random(1));
        try (BucketMap m = BucketMap.open(tmp.resolve("b.dat").toFile(), 100, 3)) {
            for (long d : docs) m.add(42L, d);
            m.add(43L, 8);
            assertEquals(2, m.size());
        }
        try (BucketMap m = BucketMap.open(tmp.resolve("b.dat").toFile(), 100, 3)) {
            long[] a = new long[3];
            assertEquals(3, m.anchors(42L, a));
            assertArrayEquals(new long[] {3, 7, 12}, a);
            assertEquals(0, m.anchors(44L, a));
            // an unfinished batch that started at document 5 is rolled back
            m.removeFrom(5);
            assertEquals(1, m.anchors(42L, a));
            assertEquals(3, a[0]);
            assertEquals(0, m.anchors(43L, a));
            assertEquals(1, m.size());
        }
    }

    @Test
    void decisionsRoundTrip() throws Exception {
        io.winnow.dedup.output.Decisions d = new io.winnow.dedup.output.Decisions();
        d.add(9, io.winnow.dedup.output.Decisions.REMOVED, 2, 0, "doc-2 \u4e2d");
        d.add(2, io.winnow.dedup.output.Decisions.KEPT, 2, 3, null);
        d.sort();
        Path f = tmp.resolve("d/part-00000.bin");
        d.write(f);
        io.winnow.dedup.output.Decisions r = io.winnow.dedup.output.Decisions.read(f);
        assertEquals(2, r.size());
        assertEquals(2, r.ordinal(0));
        assertEquals(3, r.clusterSize(0));
        assertEquals("doc-2 \u4e2d", r.keptId(1));
        assertEquals(0, io.winnow.dedup.output.Decisions.read(tmp.resolve("missing.bin")).size());
        assertEquals(Arrays.asList(9L), List.of(r.ordinal(1)));
    }
}
