package io.winnow.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.Compression;
import io.winnow.core.shard.ShardFiles;
import io.winnow.core.shard.ShardWriter;
import io.winnow.core.stage.Stage;
import io.winnow.core.stage.StepsStage;
import io.winnow.core.testing.StageOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalExecutorTest {
    @TempDir Path dir;
    Path in;
    Stage stage;

    static final String STEPS = """
            steps:
              - type: text_length
                min_chars: 30
              - type: chunk
                max_chars: 200
              - type: sample
                rate: 0.7
            """;

    @BeforeEach
    void setUp() throws Exception {
        in = dir.resolve("in");
        Files.createDirectories(in);
        for (int s = 0; s < 9; s++) {
            Compression c = Compression.values()[s % 3];
            try (ShardWriter w = new ShardWriter(in.resolve(String.format("s%02d%s", s, c.extension())), -1)) {
                for (int i = 0; i < 300; i++) {
                    w.write(new Document("s" + s + "-" + i, ("word" + i + " ").repeat(i % 60)).lang("en"));
                }
                w.commit();
            }
        }
        Path cfg = dir.resolve("steps.yaml");
        Files.writeString(cfg, STEPS);
        stage = new StepsStage().bind(Config.load(cfg));
    }

    RunOptions options(int workers) {
        return new RunOptions(workers, 42, Compression.ZSTD, -1, 16 << 10, 1 << 20, false, false, Progress.Mode.OFF);
    }

    StageResult run(Path out, RunOptions o) throws Exception {
        return stage.run(List.of(in), out, o);
    }

    static Map<String, String> contents(Path out) throws IOException {
        return StageOutputs.contents(out);
    }

    @Test
    void outputIsIdenticalForOneAndFourWorkers() throws Exception {
        StageResult one = run(dir.resolve("w1"), options(1));
        StageResult four = run(dir.resolve("w4"), options(4));
        Map<String, String> a = contents(dir.resolve("w1"));
        StageOutputs.assertSame(a, contents(dir.resolve("w4")));
        assertTrue(a.keySet().stream().anyMatch(k -> k.startsWith("kept/part-00008-00001")), "shards roll by size: " + a.keySet());
        assertEquals(one.docsKept(), four.docsKept());
        assertEquals(2700, one.docsIn());
    }

    @Test
    void statsAddUpAndEveryRejectHasAReason() throws Exception {
        Path out = dir.resolve("o");
        StageResult r = run(out, options(2));
        JsonNode st = new ObjectMapper().readTree(out.resolve("stats.json").toFile());
        assertEquals("complete", st.get("status").asText());
        assertEquals(9, st.get("inputs").size());
        JsonNode totals = st.get("totals");
        assertEquals(2700, totals.get("docs_in").asLong());
        long kept = 0, rejected = 0;
        for (Map.Entry<String, String> e : contents(out).entrySet()) {
            List<String> lines = e.getValue().lines().toList();
            if (e.getKey().startsWith("kept/")) kept += lines.size();
            if (e.getKey().startsWith("rejected/")) {
                rejected += lines.size();
                for (String l : lines) assertTrue(l.contains("\"reject_reason\":\"text_length:too_short\"")
                        || l.contains("\"reject_reason\":\"sample:sampled_out\""), l);
            }
        }
        assertEquals(kept, totals.get("docs_kept").asLong());
        assertEquals(rejected, totals.get("docs_rejected").asLong());
        assertEquals(r.docsKept(), kept);
        JsonNode steps = st.get("steps");
        assertEquals(List.of("text_length", "chunk", "sample"), List.of(steps.get(0).get("name").asText(),
                steps.get(1).get("name").asText(), steps.get(2).get("name").asText()));
        assertEquals(2700, steps.get(0).get("docs_in").asLong());
        assertEquals(steps.get(0).get("docs_out").asLong(), steps.get(1).get("docs_in").asLong());
        assertEquals(steps.get(2).get("docs_out").asLong(), kept);
        assertTrue(steps.get(1).get("docs_out").asLong() > steps.get(1).get("docs_in").asLong(), "chunking adds documents");
        assertEquals(st.get("outputs").get("kept").size(), Files.list(out.resolve("kept")).count());
    }

    @Test
    void resumeAfterACrashGivesTheCleanRunsFiles() throws Exception {
        Path clean = dir.resolve("clean");
        run(clean, options(2));
        Path crashed = dir.resolve("crashed");
        run(crashed, options(2));
        // Simulate a crash in the middle of shards 2 and 5: outputs published but no marker,
        // plus a half-written temp file, plus a damaged published file.
        StageLayout l = new StageLayout(crashed);
        Files.delete(l.marker(2));
        Files.delete(l.marker(5));
        Files.delete(l.stats());
        Files.writeString(l.kept().resolve(".part-00005-00000.jsonl.zst.tmp"), "half");
        Files.write(l.kept().resolve("part-00002-00000.jsonl.zst"), new byte[] {1, 2, 3});
        StageResult r = run(crashed, options(3));
        assertEquals(7, r.resumedShards());
        StageOutputs.assertSame(contents(clean), contents(crashed));
        assertFalse(Files.exists(l.kept().resolve(".part-00005-00000.jsonl.zst.tmp")));
    }

    @Test
    void aSecondRunOfAFinishedStageRedoesNothing() throws Exception {
        Path out = dir.resolve("o");
        run(out, options(2));
        Map<String, String> before = contents(out);
        StageResult again = run(out, options(2));
        assertEquals(9, again.resumedShards());
        assertEquals(before, contents(out));
    }

    @Test
    void differentSettingsInTheSameOutputAreRefusedUnlessOverwrite() throws Exception {
        Path out = dir.resolve("o");
        run(out, options(2));
        RunOptions otherSeed = new RunOptions(2, 7, Compression.ZSTD, -1, 16 << 10, 1 << 20, false, false, Progress.Mode.OFF);
        IOException e = assertThrows(IOException.class, () -> run(out, otherSeed));
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        StageResult r = run(out, otherSeed.withOverwrite(true));
        assertEquals(0, r.resumedShards());
    }

    @Test
    void badRecordsAreSkippedCountedAndKept() throws Exception {
        Files.writeString(in.resolve("s99.jsonl"), "{\"id\":\"ok1\",\"text\":\"" + "fine text ".repeat(5) + "\"}\n"
                + "{\"id\":\"broken\",\"text\":\n"
                + "{\"id\":\"ok2\",\"text\":\"" + "more text ".repeat(5) + "\"}\n");
        byte[] gz = Files.readAllBytes(in.resolve("s01.jsonl.gz"));
        Files.write(in.resolve("s01.jsonl.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        setUp2();
        Path out = dir.resolve("o");
        StageResult r = run(out, options(2));
        assertEquals(2, r.badRecords());
        Path bad = out.resolve("bad-records/part-00009.jsonl");
        String line = Files.readString(bad);
        assertTrue(line.contains("\"line\":2") && line.contains("s99.jsonl") && line.contains("{\\\"id\\\":\\\"broken\\\""), line);
        assertTrue(Files.readString(out.resolve("bad-records/part-00001.jsonl")).contains("truncated or corrupt gzip"));
        JsonNode st = new ObjectMapper().readTree(out.resolve("stats.json").toFile());
        assertEquals(2, st.get("totals").get("bad_records").asLong());
        assertEquals(List.of("bad-records/part-00001.jsonl", "bad-records/part-00009.jsonl"),
                List.of(st.get("outputs").get("bad_records").get(0).asText(), st.get("outputs").get("bad_records").get(1).asText()));
    }

    @Test
    void failFastStopsAtTheFirstBadRecordNamingFileAndLine() throws Exception {
        Files.writeString(in.resolve("s99.jsonl"), "{\"id\":\"ok1\",\"text\":\"x\"}\nnot json\n");
        setUp2();
        RunOptions ff = new RunOptions(1, 42, Compression.ZSTD, -1, 16 << 10, 1 << 20, true, false, Progress.Mode.OFF);
        StageFailedException e = assertThrows(StageFailedException.class, () -> run(dir.resolve("o"), ff));
        assertTrue(e.getMessage().contains("s99.jsonl: line 2"), e.getMessage());
        assertTrue(Files.exists(new StageLayout(dir.resolve("o")).marker(0)), "shards before the failure are finished");
    }

    private void setUp2() throws Exception {
        assertEquals(ShardFiles.list(List.of(in)).size(), Files.list(in).count());
    }

    @Test
    void emptyInputShardGivesNoOutputFilesButAMarker() throws Exception {
        Path only = dir.resolve("only");
        Files.createDirectories(only);
        Files.writeString(only.resolve("empty.jsonl"), "");
        StageResult r = stage.run(List.of(only), dir.resolve("o"), options(1));
        assertEquals(0, r.docsIn());
        assertEquals(List.of(), new ArrayList<>(contents(dir.resolve("o")).keySet()));
    }
}
