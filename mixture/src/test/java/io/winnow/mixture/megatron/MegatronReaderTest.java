package io.winnow.mixture.megatron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips, reads across mapping windows, file rolling, and clear errors on damaged files. */
class MegatronReaderTest {
    @TempDir Path dir;

    private static List<int[]> randomDocs(int n, int maxLen, int vocab, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<int[]> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] d = new int[r.nextInt(maxLen + 1)];
            for (int k = 0; k < d.length; k++) d[k] = r.nextInt(vocab);
            docs.add(d);
        }
        return docs;
    }

    private Path write(String name, DType dtype, List<int[]> docs) throws IOException {
        Path prefix = dir.resolve(name);
        try (MegatronIndexedWriter w = new MegatronIndexedWriter(prefix, dtype)) {
            for (int[] d : docs) w.addDocument(d);
            w.finish();
        }
        return prefix;
    }

    @Test
    void roundTripAcrossTinyMappingWindows() throws IOException {
        for (DType t : new DType[] {DType.UINT16, DType.INT32}) {
            List<int[]> docs = randomDocs(300, 50, t == DType.UINT16 ? 65_500 : 125_696, 7);
            Path p = write("rt-" + t, t, docs);
            // 16-byte windows: most values of the index and many tokens straddle a window boundary
            try (MegatronIndexedReader r = MegatronIndexedReader.open(p, 4)) {
                r.verify();
                assertEquals(docs.size(), r.sequenceCount());
                long tokens = 0;
                for (int i = 0; i < docs.size(); i++) {
                    assertArrayEquals(docs.get(i), r.sequence(i), "sequence " + i);
                    tokens += docs.get(i).length;
                }
                assertEquals(tokens, r.totalTokens());
                byte[] raw = r.sequenceBytes(5);
                assertEquals(docs.get(5).length * t.size(), raw.length);
            }
        }
    }

    @Test
    void rawCopiesReproduceTheSameFiles() throws IOException {
        List<int[]> docs = randomDocs(100, 40, 30_000, 11);
        Path a = write("a", DType.UINT16, docs);
        Path b = dir.resolve("b");
        try (MegatronIndexedReader r = MegatronIndexedReader.open(a); MegatronIndexedWriter w = new MegatronIndexedWriter(b, DType.UINT16)) {
            for (long i = 0; i < r.sequenceCount(); i++) {
                byte[] raw = r.sequenceBytes(i);
                w.addSequenceBytes(raw, 0, raw.length);
                w.endDocument();
            }
            w.finish();
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.bin")), Files.readAllBytes(dir.resolve("b.bin")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.idx")), Files.readAllBytes(dir.resolve("b.idx")));
    }

    @Test
    void rollingWriterSplitsBySizeWithoutSplittingDocuments() throws IOException {
        List<int[]> docs = randomDocs(200, 60, 1000, 3);
        List<Path> files;
        try (RollingMegatronWriter w = new RollingMegatronWriter(dir.resolve("train"), "part", DType.UINT16, 1000)) {
            for (int[] d : docs) w.addDocument(d);
            files = w.finish();
        }
        assertTrue(files.size() > 3, "files: " + files.size());
        int next = 0;
        for (Path f : files) {
            assertTrue(Files.size(Path.of(f + ".bin")) <= 1000, f + " is over the limit");
            try (MegatronIndexedReader r = MegatronIndexedReader.open(f)) {
                r.verify();
                for (long i = 0; i < r.sequenceCount(); i++) assertArrayEquals(docs.get(next++), r.sequence(i));
            }
        }
        assertEquals(docs.size(), next, "every document in exactly one file, in order");
        assertEquals(dir.resolve("train/part-00000"), files.get(0));
    }

    @Test
    void damagedFilesAreReportedWithFileAndOffset() throws IOException {
        Path p = write("d", DType.UINT16, randomDocs(10, 20, 100, 5));
        Path idx = dir.resolve("d.idx");
        byte[] good = Files.readAllBytes(idx);

        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        Files.write(idx, badMagic);
        IOException e = assertThrows(IOException.class, () -> MegatronIndexedReader.open(p));
        assertTrue(e.getMessage().contains("d.idx at offset 0"), e.getMessage());

        byte[] badVersion = good.clone();
        badVersion[9] = 2;
        Files.write(idx, badVersion);
        e = assertThrows(IOException.class, () -> MegatronIndexedReader.open(p));
        assertTrue(e.getMessage().contains("offset 9") && e.getMessage().contains("version 2"), e.getMessage());

        byte[] badDtype = good.clone();
        badDtype[17] = 9;
        Files.write(idx, badDtype);
        e = assertThrows(IOException.class, () -> MegatronIndexedReader.open(p));
        assertTrue(e.getMessage().contains("offset 17"), e.getMessage());

        Files.write(idx, java.util.Arrays.copyOf(good, good.length - 3));
        e = assertThrows(IOException.class, () -> MegatronIndexedReader.open(p));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        // a pointer that disagrees with the lengths: open() accepts it (sizes agree), verify() finds it
        byte[] badPointer = good.clone();
        long at = 34 + 4 * 10 + 8 * 3;
        ByteBuffer.wrap(badPointer).order(ByteOrder.LITTLE_ENDIAN).putLong((int) at, 2);
        Files.write(idx, badPointer);
        try (MegatronIndexedReader r = MegatronIndexedReader.open(p)) {
            e = assertThrows(IOException.class, r::verify);
            assertTrue(e.getMessage().contains("offset " + at), e.getMessage());
        }

        Files.write(idx, good);
        Files.write(dir.resolve("d.bin"), new byte[] {1, 2, 3});
        e = assertThrows(IOException.class, () -> MegatronIndexedReader.open(p));
        assertTrue(e.getMessage().contains("d.bin"), e.getMessage());

        Files.delete(dir.resolve("d.bin"));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> MegatronIndexedReader.open(p));
    }
}
