package io.winnow.clean.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageResult;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.Compression;
import io.winnow.core.shard.ShardWriter;
import io.winnow.core.stage.Stage;
import io.winnow.core.testing.Corpora;
import io.winnow.core.testing.StageOutputs;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanStageTest {
    @TempDir Path tmp;

    static RunOptions options(int workers) {
        return new RunOptions(workers, 42, Compression.ZSTD, -1, 64 << 20, 1 << 20, false, false, Progress.Mode.OFF);
    }

    Stage stage(String yaml) throws Exception {
        Path c = tmp.resolve("clean-" + System.nanoTime() + ".yaml");
        Files.writeString(c, yaml);
        return new CleanStage().bind(Config.load(c));
    }

    static void shard(Path file, List<Document> docs) throws Exception {
        try (ShardWriter w = new ShardWriter(file, -1)) {
            for (Document d : docs) w.write(d);
            w.commit();
        }
    }

    static List<Document> docs(Path stageOut, String sub) throws Exception {
        List<Document> out = new ArrayList<>();
        for (Map.Entry<String, String> e : StageOutputs.contents(stageOut).entrySet()) {
            if (!e.getKey().startsWith(sub)) continue;
            for (String l : e.getValue().lines().toList()) out.add(DocumentJson.parse(l));
        }
        return out;
    }

    @Test
    void exactDedupAcrossShardsKeepsTheFirstAndNamesIt() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        shard(in.resolve("a.jsonl"), List.of(new Document("a1", "Alpha text.\r\n"), new Document("a2", "Beta text.")));
        shard(in.resolve("b.jsonl"), List.of(new Document("b1", "Alpha text.  "), new Document("b2", "Gamma text.")));
        Stage s = stage("rules: []\nspan_dedup: {enabled: false}\n");
        for (int workers : new int[] {1, 2}) {
            Path out = tmp.resolve("out" + workers);
            StageResult r = s.run(List.of(in), out, options(workers));
            assertEquals(3, r.docsKept());
            List<Document> rejected = docs(out, "rejected");
            assertEquals(1, rejected.size());
            assertEquals("b1", rejected.get(0).id(), "the later copy (after normalization) is the duplicate");
            assertEquals("a1", rejected.get(0).metadata().get("duplicate_of"));
            assertEquals("exact_dedup:duplicate", rejected.get(0).rejectReason());
        }
    }

    @Test
    void keepHighestQuality() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Document low = new Document("low", "Same words.");
        low.scores().put("quality", 0.2);
        Document high = new Document("high", "Same words.");
        high.scores().put("quality", 0.9);
        shard(in.resolve("a.jsonl"), List.of(low, high));
        Path out = tmp.resolve("o");
        stage("rules: []\nspan_dedup: {enabled: false}\nexact_dedup: {keep: quality}\n").run(List.of(in), out, options(1));
        assertEquals(List.of("high"), docs(out, "kept").stream().map(Document::id).toList());
    }

    @Test
    void persistentIndexCatchesDuplicatesOfAnEarlierBatchAfterARestart() throws Exception {
        Path index = tmp.resolve("index");
        Path b1 = tmp.resolve("batch1");
        Path b2 = tmp.resolve("batch2");
        Files.createDirectories(b1);
        Files.createDirectories(b2);
        shard(b1.resolve("p.jsonl.gz"), List.of(new Document("x", "Seen in the first batch."), new Document("y", "Only once.")));
        shard(b2.resolve("q.jsonl.gz"), List.of(new Document("z", "Seen in the first batch."), new Document("w", "New in batch two.")));
        String cfg = "rules: []\nspan_dedup: {enabled: false}\nindex: " + index + "\n";
        stage(cfg).run(List.of(b1), tmp.resolve("o1"), options(2));
        // a new stage instance opens the index file again, as a new process would
        stage(cfg).run(List.of(b2), tmp.resolve("o2"), options(2));
        List<Document> rej = docs(tmp.resolve("o2"), "rejected");
        assertEquals(List.of("z"), rej.stream().map(Document::id).toList());
        assertEquals("x", rej.get(0).metadata().get("duplicate_of"));
        assertEquals(0, rej.get(0).metadata().get("duplicate_of_batch"));
        assertEquals(List.of("w"), docs(tmp.resolve("o2"), "kept").stream().map(Document::id).toList());
        // re-running batch 1 does not turn its own documents into duplicates
        StageResult again = stage(cfg).run(List.of(b1), tmp.resolve("o1b"), options(1));
        assertEquals(2, again.docsKept());
    }

    @Test
    void spanDedupRemovesRealBoilerplateRepeatedAcrossAManual() throws Exception {
        // git's HTML manual pages (Debian's git-doc) repeat a footer and a suite line on every page.
        Path in = tmp.resolve("git-doc");
        Files.createDirectories(in);
        List<Document> pages = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(Corpora.file("jsonl/html_docs.jsonl"))) {
            ObjectMapper m = new ObjectMapper();
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode n = m.readTree(line);
                if (!n.get("package").asText().equals("git-doc")) continue;
                pages.add(new Document(n.get("id").asText(), n.get("text").asText()).lang("en").source("git-doc"));
            }
        }
        assertTrue(pages.size() > 200, "git-doc pages: " + pages.size());
        long footerPages = pages.stream().filter(d -> d.text().contains("Last updated 2024-")).count();
        long suitePages = pages.stream().filter(d -> d.text().contains("Part of the git(1) suite")).count();
        assertTrue(footerPages > 150 && suitePages > 150);
        shard(in.resolve("part-0.jsonl.zst"), pages.subList(0, pages.size() / 2));
        shard(in.resolve("part-1.jsonl.zst"), pages.subList(pages.size() / 2, pages.size()));

        Path out = tmp.resolve("o");
        StageResult r = stage("rules: []\n").run(List.of(in), out, options(2));
        List<Document> kept = docs(out, "kept");
        assertEquals(1, kept.stream().filter(d -> d.text().contains("Last updated 2024-")).count(), "footer kept once");
        assertEquals(1, kept.stream().filter(d -> d.text().contains("Part of the git(1) suite")).count(), "suite line kept once");
        JsonNode stats = new ObjectMapper().readTree(out.resolve("stats.json").toFile());
        JsonNode span = stats.get("steps").get(stats.get("steps").size() - 1);
        assertEquals("span_dedup", span.get("name").asText());
        assertTrue(span.get("counters").get("spans_removed").asLong() >= footerPages + suitePages - 2);
        assertEquals(pages.size(), stats.get("totals").get("docs_in").asLong());
        assertEquals(r.docsKept(), stats.get("totals").get("docs_kept").asLong());
        assertEquals(kept.size(), r.docsKept());
        // a rerun resumes every pass and changes nothing
        Map<String, String> before = StageOutputs.contents(out);
        StageResult again = stage("rules: []\n").run(List.of(in), out, options(1));
        assertEquals(2, again.resumedShards());
        StageOutputs.assertSame(before, StageOutputs.contents(out));
    }

    @Test
    void defaultStageListsEveryStepInOrderInStats() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        shard(in.resolve("a.jsonl"), List.of(new Document("1", "tiny"), new Document("2", "tiny")));
        Path out = tmp.resolve("o");
        stage("{}\n").run(List.of(in), out, options(1));
        JsonNode stats = new ObjectMapper().readTree(out.resolve("stats.json").toFile());
        List<String> names = new ArrayList<>();
        stats.get("steps").forEach(s -> names.add(s.get("name").asText()));
        assertEquals(List.of("normalize", "exact_dedup", "gopher_repetition", "gopher_quality", "c4_quality",
                "fineweb_quality", "sentence_quality", "span_dedup"), names);
        assertEquals(2, stats.get("totals").get("docs_rejected").asLong());
        assertTrue(stats.get("outputs").get("rejected").toString().contains("rejected/rules/"));
    }
}
