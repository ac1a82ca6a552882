package io.winnow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageResult;
import io.winnow.core.shard.Compression;
import io.winnow.core.testing.Corpora;
import io.winnow.core.testing.StageOutputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcCompression;

public class IngestStageTest {
    @TempDir Path tmp;

    public static RunOptions options(int workers) {
        return new RunOptions(workers, 42, Compression.NONE, -1, RunOptions.DEFAULT_MAX_SHARD_BYTES, 64 << 20,
                false, false, io.winnow.core.progress.Progress.Mode.OFF);
    }

    public static StageResult run(List<Path> inputs, Path out, String... sets) throws Exception {
        Config c = Config.empty("test").set(List.of(sets));
        return new IngestStageProvider().bind(c).run(inputs, out, options(2));
    }

    public static List<Document> docs(Path dir) throws IOException {
        List<Document> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                for (String line : StageOutputs.read(p).split("\n")) {
                    if (!line.isBlank()) out.add(DocumentJson.parse(line));
                }
            }
        }
        return out;
    }

    public static JsonNode stats(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("stats.json").toFile());
    }

    @Test
    void realWarcBecomesCleanDocumentsWithTheirMetadata() throws Exception {
        Path out = tmp.resolve("out");
        StageResult r = run(List.of(Corpora.file("warc/debian-reference.warc.gz")), out);
        assertEquals(75, r.docsIn());
        List<Document> kept = docs(out.resolve("kept"));
        Map<String, Document> byPage = new HashMap<>();
        for (Document d : kept) byPage.put(d.url().substring(d.url().lastIndexOf('/') + 1), d);
        Document en = byPage.get("ch01.en.html");
        assertNotNull(en);
        assertEquals("en", en.lang());
        assertTrue(en.scores().get("lang_score").doubleValue() >= 0.9);
        for (String key : List.of("warc_record_id", "warc_date", "content_type", "http_status", "charset", "extraction", "raw_bytes")) {
            assertTrue(en.metadata().containsKey(key), key + " in " + en.metadata());
        }
        assertEquals("html:winnow", en.metadata().get("extraction"));
        assertEquals("UTF-8", en.metadata().get("charset"));
        assertTrue(en.text().startsWith("Chapter 1. GNU/Linux tutorials"), en.text().substring(0, 80));
        // DocBook's navigation header/footer ("Prev", "Next", "Up", "Home") is on every page and never in the text.
        for (Document d : kept) {
            for (String line : d.text().split("\n")) {
                assertFalse(line.strip().matches("(Prev|Next|Up|Home)( \\| (Prev|Next|Up|Home))*"), d.url() + ": " + line);
            }
        }
        assertEquals("zh", byPage.get("ch01.zh-cn.html").lang());
        assertEquals("Hans", byPage.get("ch01.zh-cn.html").metadata().get("script"));
        assertEquals("Hant", byPage.get("ch01.zh-tw.html").metadata().get("script"));
        assertEquals("ja", byPage.get("ch01.ja.html").lang());
        assertEquals("de", byPage.get("ch01.de.html").lang());
        JsonNode st = stats(out);
        assertEquals(85, st.path("source_counters").path("skipped:record_type=request").asInt());
        assertEquals(2, st.path("source_counters").path("skipped:http_status=404").asInt());
    }

    @Test
    void everyBadInputIsACountedRejectOrBadRecordAndTheRunGoesOn() throws Exception {
        String ok = TestWarcs.page("A normal page", "Docs",
                "This page is ordinary and long enough to be kept by every filter of the ingest stage.",
                "It has a second paragraph so that the language detector sees a few sentences of English.");
        byte[] garbage = new byte[6000];
        new java.util.Random(3).nextBytes(garbage);
        List<org.netpreserve.jwarc.WarcRecord> recs = new ArrayList<>();
        recs.add(TestWarcs.request("http://example.org/a"));
        recs.add(TestWarcs.html("http://example.org/a", TestWarcs.T0, ok));
        recs.add(TestWarcs.response("http://example.org/empty", TestWarcs.T0, 200, "text/html", new byte[0]));
        recs.add(TestWarcs.response("http://example.org/garbage", TestWarcs.T0, 200, "text/html", garbage));
        recs.add(TestWarcs.response("http://example.org/big", TestWarcs.T0, 200, "text/html",
                ("<p>" + "x".repeat(300_000) + "</p>").getBytes(StandardCharsets.UTF_8)));
        recs.add(TestWarcs.response("http://example.org/missing", TestWarcs.T0, 404, "text/html", "<p>gone</p>".getBytes(StandardCharsets.UTF_8)));
        recs.add(TestWarcs.response("http://example.org/logo.png", TestWarcs.T0, 200, "image/png", new byte[] {1, 2, 3}));
        Path warc = TestWarcs.write(tmp.resolve("bad.warc.gz"), WarcCompression.GZIP, recs);
        // A truncated copy: the last member is cut in half.
        byte[] all = Files.readAllBytes(warc);
        Path cut = tmp.resolve("cut.warc.gz");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 40));
        Path out = tmp.resolve("out");
        StageResult r = run(List.of(warc, cut), out, "limits.max_bytes=100000");
        assertTrue(r.badRecords() >= 1, "the cut member is a bad record");
        List<Document> kept = docs(out.resolve("kept"));
        assertEquals(1, kept.stream().filter(d -> d.url().equals("http://example.org/a")).count(), "latest capture kept once");
        Map<String, String> reasons = new HashMap<>();
        for (Document d : docs(out.resolve("rejected"))) reasons.put(d.url() + "@" + d.metadata().get("warc_file"), d.rejectReason());
        // The same URLs are in both files: the later input (cut) holds the captures that count.
        assertEquals("extract:empty", reasons.get("http://example.org/empty@cut.warc.gz"));
        assertEquals("extract:binary_content", reasons.get("http://example.org/garbage@cut.warc.gz"));
        assertEquals("extract:too_large", reasons.get("http://example.org/big@cut.warc.gz"));
        assertEquals("latest_capture:superseded", reasons.get("http://example.org/empty@bad.warc.gz"));
        // Same URL and date in both files: the later input wins, the earlier capture is superseded.
        assertEquals("latest_capture:superseded", reasons.get("http://example.org/a@bad.warc.gz"));
        JsonNode st = stats(out);
        assertEquals(2, st.path("source_counters").path("skipped:http_status=404").asInt());
        assertEquals(1, st.path("source_counters").path("skipped:content_type=image/png").asInt(), "the other one is cut");
        List<String> bad = Files.readAllLines(Files.list(out.resolve("bad-records")).findFirst().orElseThrow());
        assertTrue(bad.get(0).contains("\"record\""), bad.get(0));
    }

    @Test
    void latestCaptureKeepsTheNewestAcrossFiles() throws Exception {
        String v1 = TestWarcs.page("Version one", "Docs", "The first version of this page says that the answer is forty-one, which was wrong.");
        String v2 = TestWarcs.page("Version two", "Docs", "The second version of this page says that the answer is forty-two, which is right.");
        Path newer = TestWarcs.write(tmp.resolve("a-newer.warc"), WarcCompression.NONE,
                List.of(TestWarcs.html("http://Example.org:80/page#top", TestWarcs.T0.plus(Duration.ofDays(2)), v2)));
        Path older = TestWarcs.write(tmp.resolve("b-older.warc"), WarcCompression.NONE,
                List.of(TestWarcs.html("http://example.org/page", TestWarcs.T0, v1)));
        Path out = tmp.resolve("out");
        run(List.of(newer, older), out);
        List<Document> kept = docs(out.resolve("kept"));
        assertEquals(1, kept.size());
        assertTrue(kept.get(0).text().contains("forty-two"));
        assertEquals("http://example.org/page", kept.get(0).url());
        assertEquals("http://Example.org:80/page#top", kept.get(0).metadata().get("url_raw"));
        assertEquals("latest_capture:superseded", docs(out.resolve("rejected")).get(0).rejectReason());
    }

    @Test
    void wetConversionRecordsAreDocuments() throws Exception {
        Path wet = TestWarcs.write(tmp.resolve("crawl.warc.wet.gz"), WarcCompression.GZIP, List.of(
                TestWarcs.conversion("http://example.org/x", "Plain text that a crawler already extracted from a page about gardening and soil."),
                TestWarcs.conversion("http://example.org/y", "   ")));
        Path out = tmp.resolve("out");
        run(List.of(wet), out);
        List<Document> kept = docs(out.resolve("kept"));
        assertEquals(1, kept.size());
        assertEquals("wet", kept.get(0).metadata().get("extraction"));
        assertEquals("en", kept.get(0).lang());
        assertEquals(1, stats(out).path("source_counters").path("skipped:empty_conversion").asInt());
    }

    @Test
    void resumeAfterACrashGivesTheSameFiles() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        List<Path> inputs = List.of(tmp.resolve("first.warc.gz"), tmp.resolve("second.warc"));
        List<org.netpreserve.jwarc.WarcRecord> pages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pages.add(TestWarcs.html("http://example.org/p" + i, TestWarcs.T0, TestWarcs.page("Page " + i, "Docs",
                    "Paragraph number " + i + " of a small site, written in plain English for a resume test.")));
        }
        TestWarcs.write(inputs.get(0), WarcCompression.GZIP, pages);
        TestWarcs.write(inputs.get(1), WarcCompression.NONE, List.of(TestWarcs.html("http://example.org/z", TestWarcs.T0,
                TestWarcs.page("Another page", "Docs", "Enough words in this paragraph to be a document of its own in English."))));
        run(inputs, a);
        run(inputs, b);
        // Simulate a crash after the first task: drop its marker and outputs, then run again.
        Files.delete(b.resolve("_winnow/done/part-00001.json"));
        try (Stream<Path> s = Files.list(b.resolve("kept"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-00001")).toList()) Files.delete(p);
        }
        StageResult again = run(inputs, b);
        assertEquals(1, again.resumedShards());
        StageOutputs.assertSame(StageOutputs.contents(a), StageOutputs.contents(b));
    }
}
