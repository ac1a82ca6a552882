package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import io.winnow.core.testing.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `winnow ingest` from the CLI on a real WARC and a directory tree, and as the first stage of a pipeline. */
class IngestCliTest {
    @TempDir Path tmp;

    static Map<String, Document> kept(Path stage) throws Exception {
        Map<String, Document> out = new HashMap<>();
        try (Stream<Path> s = Files.list(stage.resolve("kept"))) {
            for (Path p : s.sorted().toList()) {
                for (String line : E2e.read(p).split("\n")) {
                    if (line.isBlank()) continue;
                    Document d = DocumentJson.parse(line);
                    out.put(d.url() != null ? d.url().substring(d.url().lastIndexOf('/') + 1) : (String) d.metadata().get("path"), d);
                }
            }
        }
        return out;
    }

    @Test
    void ingestsAWarcAndADocumentTree() throws Exception {
        Path tree = tmp.resolve("manuals");
        Files.createDirectories(tree);
        Files.copy(Corpora.file("pdf/debian-reference.zh-cn.pdf"), tree.resolve("reference.pdf"));
        Files.copy(Corpora.dir().resolve("src/root/usr/share/debian-reference/pr01.de.html"), tree.resolve("vorwort.html"));
        Path out = tmp.resolve("ingest");
        E2e.Result r = E2e.cli("ingest", "--input", Corpora.file("warc/debian-reference.warc.gz").toString(), tree.toString(),
                "--output", out.toString(), "--config", E2e.repo().resolve("configs/ingest/default.yaml").toString(),
                "--progress", "off", "--set", "limits.time_budget_ms=120000");
        E2e.assertExit(0, r);
        assertTrue(r.out().contains("ingest: 2 shards"), r.out());
        Map<String, Document> docs = kept(out);
        assertEquals("en", docs.get("ch02.en.html").lang());
        assertEquals("zh", docs.get("ch02.zh-tw.html").lang());
        assertEquals("tika:pdf", docs.get("reference.pdf").metadata().get("extraction"));
        assertEquals("zh", docs.get("reference.pdf").lang());
        assertEquals("de", docs.get("vorwort.html").lang());
        JsonNode stats = new ObjectMapper().readTree(out.resolve("stats.json").toFile());
        assertEquals(77, stats.path("totals").path("docs_in").asInt());
        assertEquals(85, stats.path("source_counters").path("skipped:record_type=request").asInt());
        List<String> steps = stats.path("steps").findValuesAsText("name");
        assertEquals(List.of("url", "latest_capture", "extract", "site_boilerplate", "lang"), steps);

        E2e.Result help = E2e.cli("ingest", "--help");
        E2e.assertExit(0, help);
        assertTrue(help.out().contains("--input"), help.out());
    }

    @Test
    void pipelineStartsWithIngest() throws Exception {
        Path out = tmp.resolve("pipe");
        Path pipeline = tmp.resolve("pipeline.yaml");
        Files.writeString(pipeline, String.join("\n",
                "name: ingest-first",
                "input: " + Corpora.file("warc/debian-reference.warc.gz"),
                "output: " + out,
                "stages:",
                "  - stage: ingest",
                "    config_file: " + E2e.repo().resolve("configs/ingest/default.yaml"),
                "    config:",
                "      lang: {allow: [en, zh]}",
                "  - stage: steps",
                "    name: prepare",
                "    config:",
                "      steps:",
                "        - type: text_length",
                "          min_chars: 200",
                ""));
        E2e.Result r = E2e.cli("run", pipeline.toString(), "--progress", "off");
        E2e.assertExit(0, r);
        JsonNode st = new ObjectMapper().readTree(out.resolve("01-ingest/stats.json").toFile());
        assertEquals(45, st.path("totals").path("docs_kept").asInt(), "15 en + 15 zh-cn + 15 zh-tw pages");
        JsonNode st2 = new ObjectMapper().readTree(out.resolve("02-prepare/stats.json").toFile());
        assertEquals(45, st2.path("totals").path("docs_in").asInt());
    }
}
