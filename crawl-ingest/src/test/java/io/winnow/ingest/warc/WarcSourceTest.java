package io.winnow.ingest.warc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.doc.Document;
import io.winnow.core.shard.BadRecord;
import io.winnow.core.testing.Corpora;
import io.winnow.ingest.IngestMetadata;
import io.winnow.ingest.IngestSettings;
import io.winnow.ingest.Payload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarcSourceTest {
    @TempDir Path tmp;

    record Read(List<Document> docs, List<BadRecord> bad, java.util.Map<String, Long> counters) {}

    static Read read(Path warc) throws IOException {
        List<Document> docs = new ArrayList<>();
        List<BadRecord> bad = new ArrayList<>();
        try (WarcSource s = new WarcSource(warc, new IngestSettings(), bad::add)) {
            Document d;
            while ((d = s.next()) != null) docs.add(d);
            return new Read(docs, bad, s.counters());
        }
    }

    @Test
    void realWgetCrawlGivesEveryHtmlPageAndCountsTheRest() throws Exception {
        Path warc = Corpora.file("warc/debian-reference.warc.gz");
        Read r = read(warc);
        // warc_stats.py of the corpus build: 75 HTML pages with status 200; 85 requests; 2 dangling links.
        assertEquals(75, r.docs().size());
        assertTrue(r.bad().isEmpty());
        assertEquals(85L, r.counters().get("skipped:record_type=request"));
        assertEquals(2L, r.counters().get("skipped:http_status=404"));
        assertEquals(7L, r.counters().get("skipped:content_type=image/png"));
        Document first = r.docs().get(0);
        // wget writes WARC-Target-URI as <http://...>: the brackets are gone.
        assertTrue(first.url().startsWith("http://127.0.0.1:"), first.url());
        assertTrue(first.url().endsWith("/index.en.html"));
        assertTrue(first.id().startsWith("urn:uuid:"));
        assertEquals(200, first.metadata().get(IngestMetadata.HTTP_STATUS));
        assertEquals("text/html", first.metadata().get(IngestMetadata.CONTENT_TYPE));
        assertTrue(first.metadata().containsKey(IngestMetadata.WARC_DATE));
        assertEquals("debian-reference", first.source());
        Payload p = Payload.of(first);
        assertTrue(p.bytes().length > 1000 && new String(p.bytes(), 0, 200).contains("<?xml"));
    }

    @Test
    void truncatedGzipMemberIsOneBadRecordAndEverythingBeforeItIsRead() throws Exception {
        byte[] all = Files.readAllBytes(Corpora.file("warc/debian-reference.warc.gz"));
        Path cut = tmp.resolve("cut.warc.gz");
        Files.write(cut, Arrays.copyOf(all, 500_000));
        Read r = read(cut);
        assertEquals(1, r.bad().size());
        BadRecord b = r.bad().get(0);
        assertEquals("record", b.unit());
        assertTrue(b.error().contains("gzip") || b.error().contains("EOF"), b.error());
        assertTrue(b.fileOffset() > 400_000 && b.fileOffset() < 500_000, "offset " + b.fileOffset());
        assertTrue(b.describe().contains("cut.warc.gz: record"), b.describe());
        assertTrue(r.docs().size() >= 15 && r.docs().size() < 75);
    }

    @Test
    void corruptMemberIsSkippedAndReadingResumesAtTheNextMember() throws Exception {
        Path src = Corpora.file("warc/debian-reference.warc.gz");
        byte[] b = Files.readAllBytes(src);
        long firstPage = read(src).docs().get(2).metadata().get(IngestMetadata.WARC_OFFSET) instanceof Number n ? n.longValue() : -1;
        for (int i = 300; i < 340; i++) b[(int) firstPage + i] ^= 0x55;
        Path bad = tmp.resolve("corrupt.warc.gz");
        Files.write(bad, b);
        Read r = read(bad);
        assertEquals(1, r.bad().size());
        assertEquals(firstPage, r.bad().get(0).fileOffset());
        assertEquals(74, r.docs().size(), "only the damaged record is lost");
        assertEquals(1L, r.counters().get("resyncs"));
    }

    @Test
    void malformedHeaderInPlainWarcIsSkipped() throws Exception {
        byte[] plain;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(Corpora.file("warc/debian-reference.warc.gz")))) {
            plain = in.readAllBytes();
        }
        String s = new String(plain, java.nio.charset.StandardCharsets.ISO_8859_1);
        int i = s.indexOf("WARC-Type: response", s.indexOf("index.en.html") + 2000);
        String broken = s.substring(0, i) + "WARC-Type response\u0000" + s.substring(i + "WARC-Type: response".length());
        Path p = tmp.resolve("broken.warc");
        Files.write(p, broken.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Read r = read(p);
        assertEquals(1, r.bad().size());
        assertTrue(r.bad().get(0).error().contains("invalid WARC record"), r.bad().get(0).error());
        assertTrue(r.docs().size() >= 74);
    }

    @Test
    void warc11PlainAndZstdCompressed() throws Exception {
        List<org.netpreserve.jwarc.WarcRecord> recs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            recs.add(new org.netpreserve.jwarc.WarcResponse.Builder(java.net.URI.create("https://example.org/" + i))
                    .version(org.netpreserve.jwarc.MessageVersion.WARC_1_1)
                    .body(org.netpreserve.jwarc.MediaType.HTTP_RESPONSE, io.winnow.ingest.TestWarcs.http(200, "text/html",
                            ("<p>page " + i + "</p>").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .build());
        }
        Path plain = io.winnow.ingest.TestWarcs.write(tmp.resolve("v11.warc"), org.netpreserve.jwarc.WarcCompression.NONE, recs);
        assertTrue(Files.readString(plain, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("WARC/1.1"));
        Path zst = tmp.resolve("v11.warc.zst");
        try (var out = new com.github.luben.zstd.ZstdOutputStream(Files.newOutputStream(zst))) {
            Files.copy(plain, out);
        }
        for (Path p : List.of(plain, zst)) {
            Read r = read(p);
            assertEquals(3, r.docs().size(), p.toString());
            assertEquals("https://example.org/2", r.docs().get(2).url());
            assertTrue(r.bad().isEmpty());
        }
    }

    @Test
    void garbageFileIsOneBadRecordNotACrash() throws Exception {
        Path p = tmp.resolve("garbage.warc.gz");
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        Files.write(p, junk);
        Read r = read(p);
        assertTrue(r.docs().isEmpty());
        assertFalse(r.bad().isEmpty());
    }
}
