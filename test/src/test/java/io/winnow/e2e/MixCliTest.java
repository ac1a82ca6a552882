package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.doc.Document;
import io.winnow.core.shard.ShardReader;
import io.winnow.core.shard.ShardWriter;
import io.winnow.core.testing.Corpora;
import io.winnow.mixture.manifest.Manifest;
import io.winnow.mixture.megatron.MegatronIndexedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code winnow mix} from the command line: a run on the sample data, errors that name the key, bad input
 * records, kill -9 and resume to the same bytes, and {@code mix} as the last stage of a pipeline file.
 */
class MixCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path tmp;
    static Path model;

    @BeforeAll
    static void tokenizer() throws Exception {
        Path sample = E2e.sampleData();
        E2e.Result r = E2e.cli("tokenizer", "train",
                "--input", sample.resolve("fortunes-en") + "," + sample.resolve("fortunes-zh"), "--model_prefix", tmp.resolve("tok").toString(),
                "--vocab_size", "6000", "--character_coverage", "0.9995", "--byte_fallback", "--quiet");
        E2e.assertExit(0, r);
        model = tmp.resolve("tok.model");
    }

    static String config(Path en, Path zh, Path out) {
        return """
                name: cli
                output: %s
                tokenizer: %s
                seed: 3
                validation_share: 0.05
                sources:
                  - {name: en, paths: ["%s"], share: 0.7}
                  - {name: zh, paths: ["%s"], share: 0.3}
                """.formatted(out, model, en, zh);
    }

    Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void runsFromTheCommandLineAndReportsShares() throws Exception {
        Path sample = E2e.sampleData();
        Path out = tmp.resolve("mix-cli");
        Path cfg = write("cli.yaml", config(sample.resolve("fortunes-en"), sample.resolve("fortunes-zh"), out));
        E2e.Result r = E2e.cli("mix", cfg.toString(), "--progress", "off");
        E2e.assertExit(0, r);
        assertTrue(r.out().contains("target  achieved"), r.out());
        assertTrue(r.out().contains("manifest: " + out.resolve("manifest.json")), r.out());
        Manifest m = Manifest.read(out);
        assertEquals(2, m.eodId(), "the model's </s>");
        long tokens = 0;
        for (Manifest.DataFile f : m.train()) {
            try (MegatronIndexedReader reader = MegatronIndexedReader.open(f.prefix())) {
                reader.verify();
                tokens += reader.totalTokens();
                assertEquals(2, reader.sequence(0)[reader.length(0) - 1], "every document ends with the EOD id");
            }
        }
        assertEquals(m.json().get("splits").get("train").get("tokens").asLong(), tokens);
        for (JsonNode s : m.json().get("sources")) assertTrue(s.get("within_tolerance").asBoolean(), s.toString());

        // a second identical command finds the finished mix and changes nothing
        byte[] before = Files.readAllBytes(out.resolve("train/part-00000.bin"));
        E2e.Result again = E2e.cli("mix", cfg.toString(), "--progress", "off");
        E2e.assertExit(0, again);
        assertTrue(again.out().contains("nothing to do"), again.out());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("train/part-00000.bin")));
        // another config into the same output is refused without --overwrite
        E2e.Result other = E2e.cli("mix", cfg.toString(), "--progress", "off", "--set", "seed=4");
        E2e.assertExit(1, other);
        assertTrue(other.err().contains("--overwrite"), other.err());
    }

    @Test
    void configMistakesNameTheKeyAndExit2() throws Exception {
        Path sample = E2e.sampleData();
        Path cfg = write("bad.yaml", config(sample.resolve("fortunes-en"), sample.resolve("fortunes-zh"), tmp.resolve("never")));
        E2e.Result r = E2e.cli("mix", cfg.toString(), "--set", "sources[1].share=0.5");
        E2e.assertExit(2, r);
        assertTrue(r.err().contains("key 'sources'") && r.err().contains("add up to 1.200000"), r.err());
        r = E2e.cli("mix", cfg.toString(), "--set", "tokenizer=missing.model");
        E2e.assertExit(2, r);
        assertTrue(r.err().contains("key 'tokenizer'") && r.err().contains("winnow tokenizer train"), r.err());
        r = E2e.cli("mix", cfg.toString(), "--set", "sources[0].paths=[nowhere/*.jsonl]");
        E2e.assertExit(2, r);
        assertTrue(r.err().contains("key 'sources[0].paths[0]'"), r.err());
        r = E2e.cli("mix", cfg.toString(), "--set", "filters=[\"scores.toxicity <\"]");
        E2e.assertExit(2, r);
        assertTrue(r.err().contains("key 'filters[0]'") && r.err().contains("expected a value"), r.err());
        r = E2e.cli("mix", cfg.toString(), "--set", "token_budget=100000000");
        E2e.assertExit(2, r);
        assertTrue(r.err().contains("epochs") && r.err().contains("max_epochs"), r.err());
        assertFalse(Files.exists(tmp.resolve("never/train")), "nothing was written");
    }

    @Test
    void badRecordsAreSkippedCountedAndKept() throws Exception {
        Path sample = E2e.sampleData();
        Path en = tmp.resolve("bad-in");
        E2e.copyTree(sample.resolve("fortunes-en"), en);
        Files.writeString(en.resolve("zz-malformed.jsonl"), "{\"id\":\"a\",\"text\":\"fine words here\"}\n{\"id\":\"b\",\"text\": oops}\n");
        Path out = tmp.resolve("mix-bad");
        Path cfg = write("badrec.yaml", config(en, sample.resolve("fortunes-zh"), out));
        E2e.Result r = E2e.cli("mix", cfg.toString(), "--progress", "off");
        E2e.assertExit(0, r);
        assertTrue(r.out().contains("1 bad records"), r.out());
        JsonNode m = JSON.readTree(out.resolve("manifest.json").toFile());
        long bad = 0;
        for (JsonNode in : m.get("inputs")) bad += in.get("bad_records").asLong();
        assertEquals(1, bad);
        try (Stream<Path> s = Files.list(out.resolve("bad-records"))) {
            List<Path> files = s.toList();
            assertEquals(1, files.size());
            assertTrue(Files.readString(files.get(0)).contains("oops"), "the bad line is kept");
        }
        E2e.Result ff = E2e.cli("mix", cfg.toString(), "--progress", "off", "--fail-fast", "-o", tmp.resolve("mix-ff").toString());
        E2e.assertExit(1, ff);
        assertTrue(ff.err().contains("zz-malformed.jsonl"), ff.err());
    }

    /** Real fortunes cut into many shards, so the count pass takes long enough to be killed part-way. */
    static Path manyShards() throws Exception {
        Path dir = tmp.resolve("many");
        if (Files.exists(dir)) return dir;
        List<Document> docs = new ArrayList<>();
        try (ShardReader r = new ShardReader(Corpora.file("jsonl/fortunes.jsonl"), 1 << 26, b -> { })) {
            for (Document d; (d = r.next()) != null; ) docs.add(d);
        }
        Files.createDirectories(dir);
        int shards = 40;
        for (int s = 0; s < shards; s++) {
            try (ShardWriter w = new ShardWriter(dir.resolve(String.format("part-%02d.jsonl.zst", s)), -1)) {
                for (int i = s; i < docs.size(); i += shards) w.write(docs.get(i));
                w.commit();
            }
        }
        return dir;
    }

    @Test
    void killedMixResumesToTheSameBytes() throws Exception {
        Path in = manyShards();
        String yaml = """
                name: kill
                tokenizer: %s
                validation_share: 0.02
                sources:
                  - {name: en, paths: ["%s"], filters: ["lang == en"], share: 0.8}
                  - {name: zh, paths: ["%s"], filters: ["lang == zh"], share: 0.2}
                """.formatted(model, in, in);
        Path cfg = write("kill.yaml", yaml);
        Path clean = tmp.resolve("kill-clean");
        E2e.assertExit(0, E2e.cli("mix", cfg.toString(), "-o", clean.toString(), "-w", "2", "--progress", "off"));

        Path killed = tmp.resolve("kill-killed");
        Process p = E2e.childCli(tmp, "mix", cfg.toString(), "-o", killed.toString(), "-w", "1", "--progress", "off")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("kill.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (p.isAlive() && countMarkers(killed) < 8 && System.nanoTime() < deadline) Thread.sleep(2);
        assertTrue(p.isAlive(), "the run was still counting when killed");
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        long done = countMarkers(killed);
        assertTrue(done >= 8 && done < 40, "killed part-way: " + done + " of 40 shards counted");
        assertFalse(Files.exists(killed.resolve("manifest.json")));

        E2e.Result resumed = E2e.runChild(tmp, "mix", cfg.toString(), "-o", killed.toString(), "-w", "2", "--progress", "off");
        E2e.assertExit(0, resumed);
        JsonNode stats = JSON.readTree(killed.resolve("stats.json").toFile());
        assertEquals(done, stats.get("passes").get("count").get("shards_resumed").asLong(), "counted shards are not counted again");
        assertTrue(resumed.out().contains("(" + done + " resumed)"), resumed.out());
        for (String f : List.of("manifest.json", "train/part-00000.bin", "train/part-00000.idx", "valid/part-00000.bin", "valid/part-00000.idx")) {
            assertArrayEquals(Files.readAllBytes(clean.resolve(f)), Files.readAllBytes(killed.resolve(f)), f);
        }
        try (Stream<Path> s = Files.walk(killed)) {
            assertEquals(0, s.filter(x -> x.getFileName().toString().endsWith(".tmp")).count(), "no temp files left");
        }
    }

    static long countMarkers(Path out) throws Exception {
        Path d = out.resolve("_winnow/count");
        if (!Files.isDirectory(d)) return 0;
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(x -> x.getFileName().toString().endsWith(".json")).count();
        }
    }

    @Test
    void mixIsTheLastStageOfAPipeline() throws Exception {
        Path sample = E2e.sampleData();
        Path out = tmp.resolve("pipe");
        Path pipeline = write("pipeline.yaml", """
                name: pipe
                input: %s
                output: %s
                seed: 42
                stages:
                  - stage: steps
                    name: prepare
                    config:
                      steps:
                        - {type: text_length, min_chars: 20}
                  - stage: mix
                    config:
                      tokenizer: %s
                      validation_share: 0
                      sources:
                        - {name: en, filters: ["lang == en"], share: 0.5}
                        - {name: zh, filters: ["lang == zh"], share: 0.5}
                """.formatted(sample, out, model));
        E2e.Result r = E2e.cli("run", pipeline.toString(), "--progress", "off");
        E2e.assertExit(0, r);
        Manifest m = Manifest.read(out.resolve("02-mix"));
        assertTrue(m.train().get(0).tokens() > 10_000, "tokens: " + m.train().get(0).tokens());
        for (JsonNode s : m.json().get("sources")) assertEquals(0.5, s.get("achieved_share").asDouble(), 0.01, s.toString());
        JsonNode funnel = JSON.readTree(out.resolve("pipeline.json").toFile());
        assertEquals("mix", funnel.get("stages").get(1).get("stage").asText());
        assertTrue(m.json().get("inputs").get(0).get("path").asText().contains("01-prepare"), "sources without paths read the previous stage");
    }
}
