package io.winnow.mixture.megatron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of the layout reference (three documents of 5, 3 and 4 tokens), byte for byte, for
 * uint16 and int32, and the dtype rule of Megatron's {@code optimal_dtype}.
 */
class MegatronLayoutTest {
    @TempDir Path dir;

    static final int[][] DOCS = {{1, 2, 3, 258, 65_000}, {7, 0, 9}, {10, 11, 12, 513}};
    static final int[][] DOCS_INT32 = {{1, 2, 3, 258, 125_695}, {7, 0, 9}, {70_000, 11, 12, 513}};

    // Offsets 0-33: header; 34: int32 lengths 5,3,4; 46: int64 pointers (bytes); 70: int64 document indices 0..3.
    static String expectedIdx(int dtypeCode, long p1, long p2) {
        return "4d4d494449445800 00" + "0100000000000000" + String.format("%02x", dtypeCode)
                + "0300000000000000" + "0400000000000000"
                + "05000000" + "03000000" + "04000000"
                + "0000000000000000" + le64(p1) + le64(p2)
                + "0000000000000000" + "0100000000000000" + "0200000000000000" + "0300000000000000";
    }

    static String le64(long v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) sb.append(String.format("%02x", (v >>> (8 * i)) & 0xFF));
        return sb.toString();
    }

    private Path write(String name, DType dtype, int[][] docs) throws IOException {
        Path prefix = dir.resolve(name);
        try (MegatronIndexedWriter w = new MegatronIndexedWriter(prefix, dtype)) {
            for (int[] d : docs) w.addDocument(d);
            w.finish();
        }
        return prefix;
    }

    @Test
    void uint16WorkedExampleIsByteExact() throws IOException {
        Path p = write("ex16", DType.UINT16, DOCS);
        byte[] bin = Files.readAllBytes(dir.resolve("ex16.bin"));
        byte[] idx = Files.readAllBytes(dir.resolve("ex16.idx"));
        assertEquals(24, bin.length, "12 tokens x 2 bytes");
        assertEquals(102, idx.length, "34 + 12*3 + 8*4");
        assertEquals("0100" + "0200" + "0300" + "0201" + "e8fd" + "0700" + "0000" + "0900" + "0a00" + "0b00" + "0c00" + "0102",
                HexFormat.of().formatHex(bin));
        assertEquals(expectedIdx(8, 10, 16).replace(" ", ""), HexFormat.of().formatHex(idx));
        try (MegatronIndexedReader r = MegatronIndexedReader.open(p)) {
            r.verify();
            assertEquals(DType.UINT16, r.dtype());
            assertEquals(3, r.sequenceCount());
            assertEquals(3, r.documentCount());
            for (int i = 0; i < 3; i++) assertArrayEquals(DOCS[i], r.sequence(i));
            assertEquals(12, r.totalTokens());
        }
    }

    @Test
    void int32WorkedExampleIsByteExact() throws IOException {
        Path p = write("ex32", DType.INT32, DOCS_INT32);
        byte[] bin = Files.readAllBytes(dir.resolve("ex32.bin"));
        byte[] idx = Files.readAllBytes(dir.resolve("ex32.idx"));
        assertEquals(48, bin.length, "12 tokens x 4 bytes");
        assertEquals(102, idx.length, "the index does not depend on the dtype's size");
        assertEquals("ffea0100", HexFormat.of().formatHex(bin, 16, 20), "125,695 little-endian");
        assertEquals("70110100", HexFormat.of().formatHex(bin, 32, 36), "70,000 little-endian");
        assertEquals(expectedIdx(4, 20, 32).replace(" ", ""), HexFormat.of().formatHex(idx));
        try (MegatronIndexedReader r = MegatronIndexedReader.open(dir.resolve("ex32.idx"))) {
            r.verify();
            assertEquals(DType.INT32, r.dtype());
            for (int i = 0; i < 3; i++) assertArrayEquals(DOCS_INT32[i], r.sequence(i));
        }
    }

    @Test
    void dtypeFollowsMegatronsOptimalDtype() {
        assertEquals(DType.UINT16, DType.forVocabulary(16_000));
        assertEquals(DType.UINT16, DType.forVocabulary(65_499));
        assertEquals(DType.INT32, DType.forVocabulary(65_500), "Megatron switches at 65,500, not 65,536");
        assertEquals(DType.INT32, DType.forVocabulary(125_696), "Baichuan 2's vocabulary");
        assertEquals(4, DType.INT32.code());
        assertEquals(8, DType.UINT16.code());
        assertEquals(DType.UINT16, DType.ofCode(8));
    }

    @Test
    void idsThatDoNotFitTheDtypeAreRefused() throws IOException {
        try (MegatronIndexedWriter w = new MegatronIndexedWriter(dir.resolve("x"), DType.UINT16)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.addDocument(new int[] {70_000}));
            assertTrue(e.getMessage().contains("70000"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("x.bin")), "an unfinished writer publishes nothing");
        assertFalse(Files.exists(dir.resolve(".x.bin.tmp")), "and leaves no temp file");
    }

    @Test
    void emptyDatasetIsValid() throws IOException {
        Path p = write("empty", DType.UINT16, new int[0][]);
        assertEquals(0, Files.size(dir.resolve("empty.bin")));
        assertEquals(34 + 8, Files.size(dir.resolve("empty.idx")), "header and the single document index 0");
        try (MegatronIndexedReader r = MegatronIndexedReader.open(p)) {
            r.verify();
            assertEquals(0, r.sequenceCount());
            assertEquals(0, r.documentCount());
        }
    }

    @Test
    void multiSequenceDocumentsKeepTheirBoundaries() throws IOException {
        Path prefix = dir.resolve("sent");
        try (MegatronIndexedWriter w = new MegatronIndexedWriter(prefix, DType.UINT16)) {
            w.addSequence(new int[] {1, 2});
            w.addSequence(new int[] {3});
            w.endDocument();
            w.addSequence(new int[] {4, 5, 6});
            w.endDocument();
            w.finish();
        }
        try (MegatronIndexedReader r = MegatronIndexedReader.open(prefix)) {
            r.verify();
            assertEquals(3, r.sequenceCount());
            assertEquals(2, r.documentCount());
            assertEquals(0, r.documentIndex(0));
            assertEquals(2, r.documentIndex(1));
            assertEquals(3, r.documentIndex(2));
        }
    }
}
