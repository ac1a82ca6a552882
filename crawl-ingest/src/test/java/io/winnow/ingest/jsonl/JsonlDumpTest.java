package io.winnow.ingest.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.doc.Document;
import io.winnow.core.exec.StageResult;
import io.winnow.ingest.IngestStageTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlDumpTest {
    @TempDir Path tmp;

    @Test
    void textFieldIsConfigurableAndBadLinesAreBadRecords() throws Exception {
        Path dump = tmp.resolve("dump.jsonl");
        Files.writeString(dump, String.join("\n",
                "{\"doc_id\": 7, \"body\": {\"content\": \"Bees collect nectar and pollen, and a strong colony can store many kilos of honey in a good summer.\"}, \"meta\": {\"url\": \"https://example.org/bees\"}, \"year\": 2021}",
                "{not json",
                "{\"doc_id\": 8, \"body\": {}}",
                "",
                "[1, 2]",
                "{\"doc_id\": 9, \"body\": {\"content\": \"Ants live in colonies too, and some species farm fungus in underground chambers all year round.\"}}"));
        Path out = tmp.resolve("out");
        StageResult r = IngestStageTest.run(List.of(dump), out,
                "jsonl.text_field=body.content", "jsonl.id_field=doc_id", "jsonl.url_field=meta.url");
        assertEquals(3, r.badRecords());
        List<Document> kept = IngestStageTest.docs(out.resolve("kept"));
        assertEquals(2, kept.size());
        Document bees = kept.get(0);
        assertEquals("7", bees.id());
        assertEquals("https://example.org/bees", bees.url());
        assertEquals(2021, bees.metadata().get("year"));
        assertEquals("jsonl", bees.metadata().get("extraction"));
        assertEquals("en", bees.lang());
        assertEquals("dump", bees.source());
        String bad = Files.readString(Files.list(out.resolve("bad-records")).findFirst().orElseThrow());
        assertTrue(bad.contains("\"line\":2") && bad.contains("invalid JSON"), bad);
        assertTrue(bad.contains("no 'body.content' field"), bad);
    }

    @Test
    void htmlFieldIsExtractedLikeAPage() throws Exception {
        Path dump = tmp.resolve("pages.jsonl.gz");
        try (var o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dump))) {
            o.write(("{\"id\":\"p1\",\"html\":\"<html><body><nav><a href='/'>Menu</a></nav><p>Volcanoes form where magma reaches the surface through cracks in the crust of the planet.</p></body></html>\"}\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path out = tmp.resolve("out");
        IngestStageTest.run(List.of(dump), out, "jsonl.text_field=html", "jsonl.format=html");
        Document d = IngestStageTest.docs(out.resolve("kept")).get(0);
        assertEquals("Volcanoes form where magma reaches the surface through cracks in the crust of the planet.", d.text());
        assertEquals("html:winnow", d.metadata().get("extraction"));
    }
}
