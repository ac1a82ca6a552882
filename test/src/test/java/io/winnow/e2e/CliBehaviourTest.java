package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.doc.Document;
import io.winnow.core.shard.ShardWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI's contract: help, exit codes, errors that name files and keys, bad input, workers. */
class CliBehaviourTest {
    @TempDir Path tmp;

    static final String STEPS = "steps:\n  - type: text_length\n    min_chars: 40\n  - type: chunk\n    max_chars: 500\n";

    Path config(String text) throws Exception {
        Path p = tmp.resolve("c" + System.nanoTime() + ".yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void helpListsEverySubcommand() {
        E2e.Result r = E2e.cli("--help");
        E2e.assertExit(0, r);
        for (String c : List.of("ingest", "clean", "dedup", "safety", "tokenizer", "mix", "train", "run", "steps", "report")) {
            assertTrue(r.out().contains("  " + c + " "), c + " in:\n" + r.out());
        }
        assertTrue(E2e.cli("--version").out().startsWith("winnow "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "clean", "dedup", "safety", "tokenizer", "mix", "train", "run", "steps", "report"})
    void everySubcommandHasHelpAndVersion(String cmd) {
        E2e.Result h = E2e.cli(cmd, "--help");
        E2e.assertExit(0, h);
        assertTrue(h.out().startsWith("Usage: winnow " + cmd), h.out());
        E2e.assertExit(0, E2e.cli(cmd, "--version"));
    }

    /** Stages of the design that this build does not have yet. */
    static java.util.stream.Stream<String> unbuilt() {
        var registry = io.winnow.core.stage.StageRegistry.load();
        var contributed = new java.util.HashSet<String>();
        for (var p : java.util.ServiceLoader.load(io.winnow.core.cli.CommandProvider.class)) contributed.add(p.name());
        return io.winnow.core.stage.StageNotBuiltException.PLANNED.keySet().stream().sorted()
                .filter(s -> registry.find(s).isEmpty() && !contributed.contains(s));
    }

    @ParameterizedTest(allowZeroInvocations = true) // once every stage is built there is nothing to check
    @org.junit.jupiter.params.provider.MethodSource("unbuilt")
    void stagesNotBuiltSaySoAndExit2(String stage) {
        E2e.Result r = E2e.cli(stage, "--input", tmp.toString(), "--output", tmp.resolve("o").toString());
        E2e.assertExit(2, r);
        assertTrue(r.err().contains("not built yet"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing was run");
    }

    @Test
    void pipelineWithAnUnbuiltStageFailsBeforeRunningAnything() throws Exception {
        String missing = unbuilt().findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(missing != null, "every stage is built");
        Path sample = E2e.sampleData();
        Path p = config("input: " + sample + "\noutput: " + tmp.resolve("out") + "\nstages:\n"
                + "  - stage: steps\n    config:\n      steps: [{type: sample, rate: 0.5}]\n  - stage: " + missing + "\n");
        E2e.Result r = E2e.cli("run", p.toString());
        E2e.assertExit(2, r);
        assertTrue(r.err().contains("stage '" + missing + "' is not built yet"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")), "no stage ran");
    }

    @Test
    void unknownConfigKeyNamesTheKeyAndTheFile() throws Exception {
        Path c = config("steps:\n  - type: text_length\n    min_chars: 40\n    max_char: 9\n");
        E2e.Result r = E2e.cli("steps", "--input", tmp.toString(), "--output", tmp.resolve("o").toString(), "--config", c.toString());
        E2e.assertExit(2, r);
        assertTrue(r.err().contains(c.toString()) && r.err().contains("steps[0].max_char") && r.err().contains("unknown key"), r.err());

        Path pipe = config("input: x\noutput: y\nworkerz: 3\nstages: [{stage: steps}]\n");
        E2e.Result rp = E2e.cli("run", pipe.toString());
        E2e.assertExit(2, rp);
        assertTrue(rp.err().contains(pipe.toString()) && rp.err().contains("'workerz'"), rp.err());

        E2e.Result rs = E2e.cli("steps", "--input", tmp.toString(), "--output", tmp.resolve("o").toString(),
                "--config", config(STEPS).toString(), "--set", "steps[1].max_chars=big");
        E2e.assertExit(2, rs);
        assertTrue(rs.err().contains("--set steps.1.max_chars") && rs.err().contains("an integer"), rs.err());
    }

    @Test
    void outputIsIdenticalForOneAndFourWorkers() throws Exception {
        Path sample = E2e.sampleData();
        Path c = config(STEPS + "  - type: sample\n    rate: 0.5\n");
        for (String w : List.of("1", "4")) {
            E2e.assertExit(0, E2e.cli("steps", "-i", sample.toString(), "-o", tmp.resolve("w" + w).toString(),
                    "-c", c.toString(), "--workers", w, "--progress", "off", "--shard-size-mb", "1"));
        }
        var one = E2e.outputs(tmp.resolve("w1"));
        assertTrue(one.size() > 40, "many output shards: " + one.size());
        E2e.assertSameOutputs(one, E2e.outputs(tmp.resolve("w4")));
    }

    @Test
    void badInputIsSkippedCountedAndKeptAndFailFastStops() throws Exception {
        Path sample = E2e.sampleData();
        Path in = tmp.resolve("in");
        E2e.copyTree(sample.resolve("fortunes-en"), in);
        // a .zst shard written by Winnow, then truncated
        Path zst = in.resolve("real.jsonl.zst");
        try (ShardWriter w = new ShardWriter(zst, -1)) {
            for (String line : E2e.read(sample.resolve("fortunes-zh/chinese.jsonl.gz")).lines().toList()) {
                w.write(io.winnow.core.doc.DocumentJson.parse(line));
            }
            w.commit();
        }
        byte[] z = Files.readAllBytes(zst);
        Files.write(zst, Arrays.copyOf(z, z.length - z.length / 3));
        byte[] g = Files.readAllBytes(in.resolve("computers.jsonl.gz"));
        Files.write(in.resolve("computers.jsonl.gz"), Arrays.copyOf(g, g.length / 2));
        Files.writeString(in.resolve("malformed.jsonl"),
                "{\"id\":\"a\",\"text\":\"" + "good words ".repeat(10) + "\"}\n{\"id\":\"b\",\"text\": oops}\n"
                        + "{\"id\":\"c\",\"text\":\"" + "more words ".repeat(10) + "\"}\n");

        Path c = config(STEPS);
        Path out = tmp.resolve("out");
        E2e.Result r = E2e.cli("steps", "-i", in.toString(), "-o", out.toString(), "-c", c.toString(), "--progress", "off");
        E2e.assertExit(0, r);
        assertTrue(r.out().contains("3 bad records"), r.out());
        JsonNode st = new ObjectMapper().readTree(out.resolve("stats.json").toFile());
        assertEquals(3, st.get("totals").get("bad_records").asLong());
        String bad = String.join("\n", E2e.outputs(out).entrySet().stream()
                .filter(e -> e.getKey().startsWith("bad-records/")).map(java.util.Map.Entry::getValue).toList());
        assertTrue(bad.contains("truncated or corrupt zstd") && bad.contains("real.jsonl.zst"), bad);
        assertTrue(bad.contains("truncated or corrupt gzip") && bad.contains("computers.jsonl.gz"), bad);
        assertTrue(bad.contains("\"line\":2") && bad.contains("oops"), bad);
        long keptFromMalformed = E2e.outputs(out).values().stream()
                .flatMap(s -> s.lines()).filter(l -> l.contains("\"id\":\"a\"") || l.contains("\"id\":\"c\"")).count();
        assertEquals(2, keptFromMalformed, "the good records around the bad one are kept");
        long zhKept = E2e.outputs(out).values().stream().flatMap(s -> s.lines()).filter(l -> l.contains("fortunes-zh/chinese/")).count();
        assertTrue(zhKept > 100, "records before the truncation are kept: " + zhKept);

        E2e.Result ff = E2e.cli("steps", "-i", in.toString(), "-o", tmp.resolve("ff").toString(), "-c", c.toString(),
                "--progress", "off", "--fail-fast", "--workers", "1");
        E2e.assertExit(1, ff);
        assertTrue(ff.err().contains("--fail-fast") && ff.err().matches("(?s).*\\.jsonl(\\.gz|\\.zst)?: line \\d+.*"), ff.err());
    }

    @Test
    void reusingAnOutputWithOtherSettingsIsRefused() throws Exception {
        Path sample = E2e.sampleData().resolve("fortunes-zh");
        Path out = tmp.resolve("o");
        E2e.assertExit(0, E2e.cli("steps", "-i", sample.toString(), "-o", out.toString(), "-c", config(STEPS).toString(), "--progress", "off"));
        E2e.Result r = E2e.cli("steps", "-i", sample.toString(), "-o", out.toString(), "-c", config(STEPS).toString(),
                "--set", "steps[0].min_chars=41", "--progress", "off");
        E2e.assertExit(1, r);
        assertTrue(r.err().contains("--overwrite"), r.err());
        E2e.assertExit(0, E2e.cli("steps", "-i", sample.toString(), "-o", out.toString(), "-c", config(STEPS).toString(),
                "--set", "steps[0].min_chars=41", "--progress", "off", "--overwrite"));
    }

    @Test
    void stepsListShowsRegisteredSteps() {
        E2e.Result r = E2e.cli("steps", "--list");
        E2e.assertExit(0, r);
        assertTrue(r.out().contains("text_length - ") && r.out().contains("    min_chars: 1"), r.out());
    }

    @Test
    void documentsKeepUnknownFieldsThroughAStage() throws Exception {
        Path in = tmp.resolve("in.jsonl");
        Files.writeString(in, "{\"id\":\"x\",\"text\":\"" + "a long enough text ".repeat(5) + "\",\"warc_date\":\"2024-01-01\",\"quality\":{\"a\":1}}\n");
        Path out = tmp.resolve("o");
        E2e.assertExit(0, E2e.cli("steps", "-i", in.toString(), "-o", out.toString(), "-c", config(STEPS).toString(), "--progress", "off"));
        String kept = E2e.outputs(out).get("kept/part-00000-00000.jsonl.zst");
        Document d = io.winnow.core.doc.DocumentJson.parse(kept.strip());
        assertEquals("2024-01-01", d.extra().get("warc_date"));
        assertEquals(java.util.Map.of("a", 1), d.extra().get("quality"));
    }
}
