package io.winnow.core.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.doc.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShardIoTest {
    @TempDir Path dir;

    static List<Document> docs(int n) {
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Document d = new Document("d" + i, "document " + i + " — 文本 " + "x".repeat(i % 50)).source("test");
            d.metadata().put("i", i);
            out.add(d);
        }
        return out;
    }

    static List<Document> readAll(Path file, List<BadRecord> bad) throws IOException {
        List<Document> out = new ArrayList<>();
        try (ShardReader r = new ShardReader(file, ShardReader.DEFAULT_MAX_RECORD_BYTES, bad::add)) {
            Document d;
            while ((d = r.next()) != null) out.add(d);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripEveryCodec(Compression c) throws IOException {
        Path f = dir.resolve("x" + c.extension());
        List<Document> in = docs(500);
        try (ShardWriter w = new ShardWriter(f, -1)) {
            for (Document d : in) w.write(d);
            assertFalse(Files.exists(f), "nothing under the final name before commit");
            assertTrue(Files.exists(ShardWriter.tempFor(f)));
            w.commit();
        }
        assertTrue(Files.exists(f));
        assertFalse(Files.exists(ShardWriter.tempFor(f)));
        List<BadRecord> bad = new ArrayList<>();
        assertEquals(in, readAll(f, bad));
        assertEquals(List.of(), bad);
        try (var is = c.decode(Files.newInputStream(f))) {
            for (String line : new String(is.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                assertTrue(line.startsWith("{\"id\":"), "each line is exactly one JSON object: " + line);
            }
        }
    }

    @Test
    void abortLeavesNothing() throws IOException {
        Path f = dir.resolve("x.jsonl.zst");
        ShardWriter w = new ShardWriter(f, -1);
        w.write(new Document("1", "t"));
        w.abort();
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void rollingWriterSplitsBySizeAndKeepsOrder() throws IOException {
        RollingShardWriter w = new RollingShardWriter(dir, "part", Compression.ZSTD, -1, 4096);
        List<Document> in = docs(400);
        for (Document d : in) w.write(d);
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.allMatch(p -> p.getFileName().toString().startsWith(".")), "only temp files before commit");
        }
        List<Path> files = w.commit();
        assertTrue(files.size() > 3, "several shards: " + files.size());
        assertEquals(dir.resolve("part-00000.jsonl.zst"), files.get(0));
        assertEquals(dir.resolve("part-00001.jsonl.zst"), files.get(1));
        List<Document> back = new ArrayList<>();
        for (Path f : files) {
            back.addAll(readAll(f, new ArrayList<>()));
            long raw = uncompressedSize(f);
            assertTrue(raw < 4096 + 200, "a shard stops soon after the size limit: " + raw);
        }
        assertEquals(in, back);
        assertEquals(ShardFiles.list(List.of(dir)), files);
    }

    private static long uncompressedSize(Path f) throws IOException {
        try (var in = Compression.of(f).decode(Files.newInputStream(f))) {
            return in.readAllBytes().length;
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "ZSTD"})
    void truncatedCompressedShardKeepsGoodRecordsAndReportsOne(Compression c) throws IOException {
        Path f = dir.resolve("t" + c.extension());
        List<Document> in = docs(20000); // several zstd blocks (128 KiB each)
        try (ShardWriter w = new ShardWriter(f, -1)) {
            for (Document d : in) w.write(d);
            w.commit();
        }
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut" + c.extension());
        Files.write(cut, Arrays.copyOf(all, all.length * 2 / 3));
        List<BadRecord> bad = new ArrayList<>();
        List<Document> got = readAll(cut, bad);
        assertEquals(1, bad.size(), "one bad record for the damaged tail");
        BadRecord b = bad.get(0);
        assertEquals(cut, b.file());
        assertTrue(b.error().contains("truncated or corrupt"), b.error());
        assertTrue(b.fileOffset() > 0 && b.fileOffset() <= all.length * 2 / 3, "file offset " + b.fileOffset());
        assertEquals(got.size() + 1, b.line(), "the bad record is the line after the last good one");
        assertTrue(got.size() > 100, "records before the damage are kept: " + got.size());
        assertEquals(in.subList(0, got.size()), got, "good records come back intact and in order");
        assertTrue(b.describe().contains(cut.toString()) && b.describe().contains("line " + b.line()));
    }

    @Test
    void corruptGzipHeaderIsOneBadRecord() throws IOException {
        Path f = dir.resolve("bad.jsonl.gz");
        Files.write(f, "this is not gzip".getBytes(StandardCharsets.UTF_8));
        List<BadRecord> bad = new ArrayList<>();
        assertEquals(List.of(), readAll(f, bad));
        assertEquals(1, bad.size());
        assertTrue(bad.get(0).error().contains("gzip"), bad.get(0).error());
    }

    @Test
    void malformedLineIsSkippedWithLineAndOffset() throws IOException {
        Path f = dir.resolve("m.jsonl");
        String l1 = "{\"id\":\"1\",\"text\":\"one\"}\n";
        String l2 = "{\"id\":\"2\",\"text\":\"tw\n"; // broken: unterminated
        String l3 = "\n"; // blank lines are not records
        String l4 = "{\"id\":\"3\",\"text\":\"three\"}\r\n";
        String l5 = "{\"id\":\"4\",\"text\":\"four\"}"; // no trailing newline
        Files.writeString(f, l1 + l2 + l3 + l4 + l5);
        List<BadRecord> bad = new ArrayList<>();
        List<Document> got = readAll(f, bad);
        assertEquals(List.of("1", "3", "4"), got.stream().map(Document::id).toList());
        assertEquals(1, bad.size());
        BadRecord b = bad.get(0);
        assertEquals(2, b.line());
        assertEquals(l1.getBytes(StandardCharsets.UTF_8).length, b.offset());
        assertArrayEquals("{\"id\":\"2\",\"text\":\"tw".getBytes(StandardCharsets.UTF_8), b.raw());
        assertTrue(b.rawComplete());
        assertEquals("{\"id\":\"2\",\"text\":\"tw", b.toMap().get("raw"));
    }

    @Test
    void overlongRecordIsSkippedAndReadingGoesOn() throws IOException {
        Path f = dir.resolve("long.jsonl");
        String big = "{\"id\":\"big\",\"text\":\"" + "y".repeat(300_000) + "\"}\n";
        Files.writeString(f, "{\"id\":\"a\",\"text\":\"a\"}\n" + big + "{\"id\":\"b\",\"text\":\"b\"}\n");
        List<BadRecord> bad = new ArrayList<>();
        List<Document> got = new ArrayList<>();
        try (ShardReader r = new ShardReader(f, 100_000, bad::add)) {
            Document d;
            while ((d = r.next()) != null) got.add(d);
        }
        assertEquals(List.of("a", "b"), got.stream().map(Document::id).toList());
        assertEquals(1, bad.size());
        assertEquals(2, bad.get(0).line());
        assertEquals(100_000, bad.get(0).raw().length);
        assertFalse(bad.get(0).rawComplete());
    }

    @Test
    void invalidUtf8RawIsKeptAsBase64() throws IOException {
        Path f = dir.resolve("bin.jsonl");
        Files.write(f, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '\n'});
        List<BadRecord> bad = new ArrayList<>();
        readAll(f, bad);
        assertEquals(1, bad.size());
        assertEquals("e//+", bad.get(0).toMap().get("raw_base64"));
    }

    @Test
    void listingSkipsHiddenAndBookkeepingFiles() throws IOException {
        Files.createDirectories(dir.resolve("a/_winnow"));
        Files.writeString(dir.resolve("a/2.jsonl"), "");
        Files.writeString(dir.resolve("a/10.jsonl.gz"), "");
        Files.writeString(dir.resolve("a/.part.jsonl.tmp"), "");
        Files.writeString(dir.resolve("a/.hidden.jsonl"), "");
        Files.writeString(dir.resolve("a/_winnow/x.jsonl"), "");
        Files.writeString(dir.resolve("a/readme.txt"), "");
        assertEquals(List.of(dir.resolve("a/10.jsonl.gz"), dir.resolve("a/2.jsonl")), ShardFiles.list(List.of(dir.resolve("a"))));
    }
}
