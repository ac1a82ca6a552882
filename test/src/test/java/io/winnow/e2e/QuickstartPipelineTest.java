package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import io.winnow.tokenizer.encode.BpeEncoder;
import io.winnow.tokenizer.model.SentencePieceModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `winnow run configs/pipelines/quickstart.yaml` on real sample text, as the README runs it. */
class QuickstartPipelineTest {
    @TempDir Path tmp;

    @Test
    void quickstartRunsEndToEndWithConsistentCountsStatsAndLayout() throws Exception {
        Path sample = E2e.sampleData();
        Path out = tmp.resolve("quickstart");
        E2e.Result r = E2e.runChild(E2e.repo(), "run", "configs/pipelines/quickstart.yaml",
                "--set", "output=" + out, "--progress", "log");
        E2e.assertExit(0, r);
        assertTrue(r.out().contains("pipeline done: 9 stages"), r.out());
        assertTrue(r.out().contains("report: " + out.resolve("report/index.html")), "the quickstart ends with its report");
        assertTrue(Files.size(out.resolve("report/index.html")) > 10_000);

        ObjectMapper json = new ObjectMapper();
        JsonNode funnel = json.readTree(out.resolve("pipeline.json").toFile());
        assertEquals(9, funnel.get("stages").size());

        long fortunes = E2e.lines(sample.resolve("fortunes-en")) + E2e.lines(sample.resolve("fortunes-zh"));
        long manualFiles;
        try (var s = Files.walk(sample.resolve("manuals"))) {
            manualFiles = s.filter(Files::isRegularFile).count();
        }
        assertTrue(fortunes > 15000 && manualFiles > 20, "the sample has real volume: " + fortunes + " + " + manualFiles);
        Path si = out.resolve("01-ingest");
        Path s1 = out.resolve("02-prepare");
        Path sc = out.resolve("03-clean");
        Path sd = out.resolve("04-dedup");
        Path ss = out.resolve("05-safety");
        Path s2 = out.resolve("06-sample");
        for (Path s : new Path[] {si, s1, sc, sd, ss, s2}) {
            assertTrue(Files.isDirectory(s.resolve("kept")) && Files.isDirectory(s.resolve("rejected")), s.toString());
            assertTrue(Files.exists(s.resolve("stats.json")));
        }
        JsonNode sti = json.readTree(si.resolve("stats.json").toFile());
        JsonNode st1 = json.readTree(s1.resolve("stats.json").toFile());
        JsonNode stc = json.readTree(sc.resolve("stats.json").toFile());
        JsonNode std = json.readTree(sd.resolve("stats.json").toFile());
        JsonNode sts = json.readTree(ss.resolve("stats.json").toFile());
        JsonNode st2 = json.readTree(s2.resolve("stats.json").toFile());
        // ingest: every fortune record and every manual file is a document in, kept or rejected with a reason
        assertEquals(fortunes + manualFiles, sti.get("totals").get("docs_in").asLong());
        assertEquals(E2e.lines(si.resolve("kept")), sti.get("totals").get("docs_kept").asLong());
        assertEquals(E2e.lines(si.resolve("rejected")), sti.get("totals").get("docs_rejected").asLong());
        assertEquals(sti.get("totals").get("docs_in").asLong(),
                sti.get("totals").get("docs_kept").asLong() + sti.get("totals").get("docs_rejected").asLong());
        assertTrue(E2e.outputs(si).entrySet().stream().filter(e -> e.getKey().startsWith("kept/"))
                .anyMatch(e -> e.getValue().contains("debian-reference") || e.getValue().contains("ch01.en.html")),
                "the HTML manual was extracted");

        assertEquals("prepare", st1.get("stage").asText());
        long inputDocs = sti.get("totals").get("docs_kept").asLong();
        assertEquals(inputDocs, st1.get("totals").get("docs_in").asLong(), "prepare reads exactly ingest's kept output");
        assertEquals(0, st1.get("totals").get("bad_records").asLong());

        // Counts in stats are the counts in the files.
        assertEquals(E2e.lines(s1.resolve("kept")), st1.get("totals").get("docs_kept").asLong());
        assertEquals(E2e.lines(s1.resolve("rejected")), st1.get("totals").get("docs_rejected").asLong());
        assertEquals(st1.get("totals").get("docs_kept").asLong(), stc.get("totals").get("docs_in").asLong(),
                "clean reads exactly prepare's kept output");
        assertEquals(E2e.lines(sc.resolve("kept")), stc.get("totals").get("docs_kept").asLong());
        assertEquals(E2e.lines(sc.resolve("rejected")), stc.get("totals").get("docs_rejected").asLong());
        assertTrue(stc.get("totals").get("docs_rejected").asLong() > 0, "the cleaning rules drop real documents");
        assertEquals(stc.get("totals").get("docs_kept").asLong(), std.get("totals").get("docs_in").asLong(), "dedup reads clean's output");
        assertEquals(E2e.lines(sd.resolve("kept")), std.get("totals").get("docs_kept").asLong());
        assertEquals(E2e.lines(sd.resolve("rejected")), std.get("totals").get("docs_rejected").asLong());
        assertEquals(std.get("totals").get("docs_kept").asLong(), sts.get("totals").get("docs_in").asLong());
        assertEquals(E2e.lines(ss.resolve("kept")), sts.get("totals").get("docs_kept").asLong());
        assertEquals(E2e.lines(ss.resolve("rejected")), sts.get("totals").get("docs_rejected").asLong());
        assertEquals(sts.get("totals").get("docs_kept").asLong(), st2.get("totals").get("docs_in").asLong());
        assertEquals(E2e.lines(s2.resolve("kept")), st2.get("totals").get("docs_kept").asLong());

        // The tokenizer stage trains a model; the mix tokenizes the curated text with it into Megatron files.
        assertTrue(Files.size(out.resolve("07-tokenizer/model/quickstart.model")) > 10_000);
        JsonNode manifest = json.readTree(out.resolve("08-mix/manifest.json").toFile());
        assertEquals(out.resolve("07-tokenizer/model/quickstart.model").toAbsolutePath().toString(),
                manifest.get("tokenizer").get("path").asText(), "tokenizer: previous picks the model the stage before trained");
        for (JsonNode src : manifest.get("sources")) {
            assertTrue(src.get("within_tolerance").asBoolean(), "source " + src.get("name") + " hits its share");
            assertTrue(src.get("achieved_tokens").asLong() > 0);
        }
        try (var files = Files.list(out.resolve("08-mix/train"))) {
            assertTrue(files.anyMatch(f -> f.toString().endsWith(".idx")), "Megatron index written");
        }
        assertTrue(Files.readString(out.resolve("report/index.html")).contains("<section id=\"tokenizer\">"));
        assertTrue(Files.readString(out.resolve("report/index.html")).contains("<section id=\"mixture\">"));

        // The report counts tokens with the run's own tokenizer: the token-length histogram of the sample stage
        // equals one computed here by encoding every document (all of them fit in the report's bounded read).
        JsonNode report = json.readTree(out.resolve("report/report.json").toFile());
        JsonNode tokenLengths = report.get("lengths").get("tokens");
        assertEquals(out.resolve("07-tokenizer/model/quickstart.model").toString(), tokenLengths.get("model").asText());
        BpeEncoder encoder = new BpeEncoder(SentencePieceModel.read(out.resolve("07-tokenizer/model/quickstart.model")));
        int[] edges = {0, 32, 128, 512, 1_024, 2_048, 4_096, 16_384, Integer.MAX_VALUE};
        long[] expected = new long[edges.length - 1];
        long enTokens = 0;
        for (Map.Entry<String, String> e : E2e.outputs(s2).entrySet()) {
            if (!e.getKey().startsWith("kept/")) continue;
            for (String line : e.getValue().lines().toList()) {
                Document d = DocumentJson.parse(line);
                int n = encoder.encode(d.text()).length;
                for (int b = 0; b < expected.length; b++) if (n < edges[b + 1]) { expected[b]++; break; }
                if ("en".equals(d.lang())) enTokens += n;
            }
        }
        assertEquals(java.util.Arrays.toString(expected).replace(" ", ""), tokenLengths.get("stages").get("sample").toString(), "token-length histogram of the sample stage");
        long reportedEn = -1;
        for (JsonNode row : report.get("by_language")) if (row.get(0).asText().equals("en")) reportedEn = row.get(6).asLong();
        assertEquals(enTokens, reportedEn, "English tokens after curation");
        assertTrue(Files.exists(out.resolve("report/token-lengths.png")));

        // The pipeline ends by training the tiny decoder on that mix: the loss visibly falls.
        Path train = out.resolve("09-train");
        List<JsonNode> metrics = new ArrayList<>();
        for (String line : Files.readAllLines(train.resolve("metrics.jsonl"))) metrics.add(json.readTree(line));
        List<Double> losses = metrics.stream().filter(m -> m.has("loss")).map(m -> m.get("loss").asDouble()).toList();
        List<Double> val = metrics.stream().filter(m -> m.has("val_loss")).map(m -> m.get("val_loss").asDouble()).toList();
        assertTrue(losses.size() >= 10 && val.size() >= 2, "metrics logged: " + metrics.size());
        assertTrue(losses.get(0) - losses.get(losses.size() - 1) > 1.5, "training loss falls: " + losses);
        assertTrue(val.get(0) - val.get(val.size() - 1) > 1.0, "validation loss falls: " + val);
        assertTrue(Files.size(train.resolve("loss.png")) > 1_000);
        assertTrue(Files.readString(out.resolve("report/index.html")).contains("<section id=\"training\">"));

        // Per-step counts chain: each step's output is the next step's input.
        JsonNode steps = st1.get("steps");
        assertEquals(inputDocs, steps.get(0).get("docs_in").asLong());
        for (int i = 1; i < steps.size(); i++) {
            assertEquals(steps.get(i - 1).get("docs_out").asLong(), steps.get(i).get("docs_in").asLong());
        }
        assertTrue(steps.get(2).get("rejected_by_rule").path("lang_not_kept").asLong() > 0, "languages outside the mix are dropped");

        // Every rejected document says which step and rule dropped it; kept documents obey the rules.
        for (Map.Entry<String, String> e : E2e.outputs(s2).entrySet()) {
            for (String line : e.getValue().lines().toList()) {
                Document d = DocumentJson.parse(line);
                if (e.getKey().startsWith("rejected/")) {
                    assertEquals("sample:sampled_out", d.rejectReason());
                } else {
                    assertTrue(d.text().length() <= 4000, "chunked to the configured size");
                    assertTrue(d.lang().equals("en") || d.lang().equals("zh"));
                    assertTrue(d.id() != null && !d.id().isEmpty());
                }
            }
        }
        double kept = st2.get("totals").get("docs_kept").asLong();
        double offered = st2.get("steps").get(1).get("docs_in").asLong();
        assertEquals(0.5, kept / offered, 0.05, "the sample step keeps about half");

        // Running the same pipeline again resumes: nothing is redone and the files are unchanged.
        Map<String, String> before = E2e.outputs(s2);
        byte[] metricsBefore = Files.readAllBytes(train.resolve("metrics.jsonl"));
        E2e.Result again = E2e.runChild(E2e.repo(), "run", "configs/pipelines/quickstart.yaml",
                "--set", "output=" + out, "--progress", "off");
        E2e.assertExit(0, again);
        assertTrue(again.out().contains("(" + sti.get("inputs").size() + " resumed)"), again.out());
        // document stages resume shard by shard (the mix re-plans from its token cache instead)
        assertTrue(again.out().lines().filter(l -> l.contains(" resumed)") && !l.contains("08-mix"))
                .allMatch(l -> !l.contains("(0 resumed)")), again.out());
        assertEquals(manifest, json.readTree(out.resolve("08-mix/manifest.json").toFile()), "the mix is reproduced exactly");
        assertArrayEquals(metricsBefore, Files.readAllBytes(train.resolve("metrics.jsonl")), "a finished training run is left as it is");
        E2e.assertSameOutputs(before, E2e.outputs(s2));
    }
}
