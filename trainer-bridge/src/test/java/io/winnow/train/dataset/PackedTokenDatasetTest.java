package io.winnow.train.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.mixture.megatron.DType;
import io.winnow.mixture.megatron.MegatronIndexedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackedTokenDatasetTest {
    @TempDir Path dir;

    /** Two files: documents of lengths 3, 0, 5 (uint16) and 4, 2 (int32); token i of the stream has id 100 + i. */
    private List<Path> twoFiles() throws IOException {
        Path a = dir.resolve("a");
        try (MegatronIndexedWriter w = new MegatronIndexedWriter(a, DType.UINT16)) {
            w.addDocument(new int[] {100, 101, 102});
            w.addDocument(new int[0]);
            w.addDocument(new int[] {103, 104, 105, 106, 107});
            w.finish();
        }
        Path b = dir.resolve("b");
        try (MegatronIndexedWriter w = new MegatronIndexedWriter(b, DType.INT32)) {
            w.addDocument(new int[] {108, 109, 110, 111});
            w.addDocument(new int[] {112, 113});
            w.finish();
        }
        return List.of(a, b);
    }

    @Test
    void streamReadsAcrossDocumentsEmptySequencesAndFiles() throws IOException {
        try (TokenStream s = TokenStream.open(twoFiles())) {
            assertEquals(14, s.size());
            for (int from = 0; from < 14; from++) {
                for (int n = 0; from + n <= 14; n++) {
                    int[] got = new int[n];
                    s.read(from, n, got, 0);
                    int[] want = new int[n];
                    for (int i = 0; i < n; i++) want[i] = 100 + from + i;
                    assertArrayEquals(want, got, "read(" + from + ", " + n + ")");
                }
            }
            assertThrows(IndexOutOfBoundsException.class, () -> s.read(12, 3, new int[3], 0));
        }
    }

    @Test
    void samplesAreTPlusOneTokensAtStrideT() throws IOException {
        try (PackedTokenDataset d = PackedTokenDataset.open(twoFiles(), 4)) {
            assertEquals(3, d.size()); // (14 - 1) / 4
            int[] b = d.sequentialBatch(0, 3);
            assertArrayEquals(new int[] {100, 101, 102, 103, 104, 104, 105, 106, 107, 108, 108, 109, 110, 111, 112}, b);
        }
    }

    @Test
    void permutationIsABijectionForManySizes() {
        for (long n : new long[] {1, 2, 3, 5, 16, 17, 100, 1000, 4097}) {
            SeededPermutation p = new SeededPermutation(n, 42);
            BitSet seen = new BitSet();
            for (long i = 0; i < n; i++) {
                long v = p.apply(i);
                assertTrue(v >= 0 && v < n);
                seen.set((int) v);
            }
            assertEquals(n, seen.cardinality(), "n = " + n);
        }
    }

    @Test
    void permutationDependsOnTheSeedAndLooksShuffled() {
        SeededPermutation a = new SeededPermutation(1000, 1);
        SeededPermutation b = new SeededPermutation(1000, 2);
        long[] pa = new long[1000], pb = new long[1000];
        int fixed = 0;
        for (int i = 0; i < 1000; i++) {
            pa[i] = a.apply(i);
            pb[i] = b.apply(i);
            if (pa[i] == i) fixed++;
        }
        assertNotEquals(Arrays.toString(pa), Arrays.toString(pb));
        assertTrue(fixed < 10, "a random permutation has about one fixed point, got " + fixed);
        // neighbours in the output are not neighbours in the input
        int adjacent = 0;
        for (int i = 1; i < 1000; i++) if (Math.abs(pa[i] - pa[i - 1]) == 1) adjacent++;
        assertTrue(adjacent < 20, adjacent + " adjacent pairs");
    }

    @Test
    void trainingOrderVisitsEverySampleOncePerEpochAndResumesFromAPosition() throws IOException {
        Path p = dir.resolve("c");
        try (MegatronIndexedWriter w = new MegatronIndexedWriter(p, DType.UINT16)) {
            int[] doc = new int[1001];
            for (int i = 0; i < doc.length; i++) doc[i] = i;
            w.addDocument(doc);
            w.finish();
        }
        try (PackedTokenDataset d = PackedTokenDataset.open(List.of(p), 10)) {
            assertEquals(100, d.size());
            List<Integer> firsts = new ArrayList<>();
            int[] whole = d.trainingBatch(0, 250, 7); // two and a half epochs
            for (int b = 0; b < 250; b++) firsts.add(whole[b * 11]);
            for (int e = 0; e < 2; e++) {
                BitSet seen = new BitSet();
                for (int b = 0; b < 100; b++) seen.set(firsts.get(e * 100 + b) / 10);
                assertEquals(100, seen.cardinality(), "epoch " + e + " visits every sample once");
            }
            assertNotEquals(firsts.subList(0, 100), firsts.subList(100, 200), "each epoch is shuffled anew");
            // batches from any position equal the slice of one long read: the position is the whole state
            int[] later = d.trainingBatch(95, 10, 7);
            assertArrayEquals(Arrays.copyOfRange(whole, 95 * 11, 105 * 11), later);
            assertEquals(whole[95 * 11] / 10, d.sampleAt(95, 7));
            assertNotEquals(Arrays.toString(whole), Arrays.toString(d.trainingBatch(0, 250, 8)));
        }
    }

    @Test
    void tooLittleDataForOneSampleIsAClearError() throws IOException {
        Path p = dir.resolve("tiny");
        try (MegatronIndexedWriter w = new MegatronIndexedWriter(p, DType.UINT16)) {
            w.addDocument(new int[] {1, 2, 3});
            w.finish();
        }
        try (PackedTokenDataset d = PackedTokenDataset.open(List.of(p), 8)) {
            assertEquals(0, d.size());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.trainingBatch(0, 1, 1));
            assertTrue(e.getMessage().contains("3 tokens"), e.getMessage());
        }
    }
}
