package io.winnow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winnow.core.config.Config;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageLayout;
import io.winnow.core.exec.StageResult;
import io.winnow.core.progress.Progress;
import io.winnow.core.stage.PipelineRunner;
import io.winnow.core.stage.StageLauncher;
import io.winnow.core.testing.Corpora;
import io.winnow.core.testing.StageOutputs;
import io.winnow.core.util.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine in local[2] against the local engine, on real shards: the same kept, rejected and
 * bad-record files byte for byte and the same stats.json but for timings. One session for the class.
 */
class SparkEngineStagesTest {
    static SparkSession spark;
    @TempDir static Path tmp;
    static Path input;

    @BeforeAll
    static void start() throws Exception {
        spark = session();
        input = realShards(tmp.resolve("in"));
    }

    static SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("winnow-spark-engine-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    /**
     * Four shards cut from the real corpora (e-mails with addresses and phone numbers, fortunes, Chinese
     * man pages), one gzip-compressed with a corrupt record in the middle.
     */
    static Path realShards(Path dir) throws Exception {
        Files.createDirectories(dir);
        copyLines(Corpora.file("jsonl/emails.jsonl"), 0, 300, dir.resolve("a-emails.jsonl"), -1);
        copyLines(Corpora.file("jsonl/fortunes.jsonl"), 0, 2500, dir.resolve("b-fortunes.jsonl"), -1);
        copyLines(Corpora.file("jsonl/manpages_zh.jsonl"), 0, 250, dir.resolve("c-manpages.jsonl"), -1);
        copyLines(Corpora.file("jsonl/fortunes.jsonl"), 2500, 2500, dir.resolve("d-fortunes.jsonl.gz"), 1200);
        return dir;
    }

    /** Lines [from, from+count) of a JSONL file; a truncated record after line {@code badAt} when >= 0. */
    static void copyLines(Path src, int from, int count, Path dst, int badAt) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(src, StandardCharsets.UTF_8);
             OutputStream raw = Files.newOutputStream(dst);
             OutputStream o = dst.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
             Writer w = new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8)) {
            String line;
            for (int i = 0; (line = r.readLine()) != null && i < from + count; i++) {
                if (i < from) continue;
                w.write(line);
                w.write('\n');
                if (i - from == badAt) w.write("{\"id\": \"broken\", \"text\": \"cut off here\n");
            }
        }
    }

    static RunOptions options(String engine) {
        return new RunOptions(2, 7, io.winnow.core.shard.Compression.ZSTD, -1, 1L << 20, 64 << 20, false, false,
                Progress.Mode.OFF, engine);
    }

    static StageResult run(String stage, List<String> sets, Path out, RunOptions o) throws Exception {
        return StageLauncher.run(stage, null, sets, List.of(input), out, o);
    }

    /** The safety config of configs/safety/default.yaml with its list paths made absolute. */
    static List<String> safetySets() {
        Path repo = Corpora.repo();
        return List.of(
                "steps=" + Config.load(repo.resolve("configs/safety/default.yaml")).tree().get("steps").toString(),
                "steps[0].lists=[" + repo.resolve("configs/safety/url-lists") + "]",
                "steps[1].lists=[" + repo.resolve("configs/safety/lists") + "]",
                "steps[3].rules[0].domains_file=" + repo.resolve("configs/safety/positive-domains.txt"));
    }

    static final List<String> STEPS = List.of(
            "steps=[{type: assign_id}, {type: text_length, min_chars: 200, max_chars: 20000},"
                    + " {type: sample, rate: 0.7}, {type: merge_short, min_chars: 400}]");

    @Test
    void stepsStageOnSparkWritesWhatTheLocalEngineWrites() throws Exception {
        Path local = tmp.resolve("steps-local");
        Path onSpark = tmp.resolve("steps-spark");
        StageResult a = run("steps", STEPS, local, options("local"));
        StageResult b = run("steps", STEPS, onSpark, options("spark"));
        assertSameRun(local, onSpark, a, b);
        assertTrue(a.docsRejected() > 1000 && a.docsKept() > 500, a.summary());
        assertEquals(1, b.badRecords(), "the corrupt record is counted on Spark too");
    }

    /** Tasks rebind the stage from the registry with its settings (relative list paths made absolute here). */
    @Test
    void safetyStageOnSparkWritesWhatTheLocalEngineWrites() throws Exception {
        Path local = tmp.resolve("safety-local");
        Path onSpark = tmp.resolve("safety-spark");
        StageResult a = run("safety", safetySets(), local, options("local"));
        StageResult b = rebuildingJobs(() -> run("safety", safetySets(), onSpark, options("spark")));
        assertSameRun(local, onSpark, a, b);
        JsonNode pii = stats(onSpark).path("steps").get(2);
        assertEquals("pii_redact", pii.path("name").asText());
        assertTrue(pii.path("counters").size() > 0, "the e-mails shard has addresses to redact: " + pii);
    }

    @Test
    void ingestOfARealWarcOnSparkWritesWhatTheLocalEngineWrites() throws Exception {
        List<Path> warc = List.of(Corpora.file("warc/debian-reference.warc.gz"));
        Path local = tmp.resolve("ingest-local");
        Path onSpark = tmp.resolve("ingest-spark");
        StageResult a = StageLauncher.run("ingest", null, List.of(), warc, local, options("local"));
        StageResult b = rebuildingJobs(() -> StageLauncher.run("ingest", null, List.of(), warc, onSpark, options("spark")));
        StageOutputs.assertSame(StageOutputs.contents(local), StageOutputs.contents(onSpark));
        assertEquals(withoutTimes(stats(local)), withoutTimes(stats(onSpark)));
        assertEquals(a.docsKept(), b.docsKept());
        assertTrue(a.docsKept() > 50, a.summary());
    }

    /**
     * clean: the exact-dedup and span scans run on the driver, both writing passes on Spark; once with the
     * tasks using the driver's indexes, once with every task mapping the index files itself.
     */
    @Test
    void cleanOnSparkWritesWhatTheLocalEngineWrites() throws Exception {
        Path local = tmp.resolve("clean-local");
        StageResult a = run("clean", List.of(), local, options("local"));
        for (boolean rebuild : new boolean[] {false, true}) {
            Path onSpark = tmp.resolve("clean-spark-" + rebuild);
            StageResult b = rebuild ? rebuildingJobs(() -> run("clean", List.of(), onSpark, options("spark")))
                    : run("clean", List.of(), onSpark, options("spark"));
            assertSameRun(local, onSpark, a, b);
        }
        JsonNode steps = stats(local).path("steps");
        assertEquals("exact_dedup", steps.get(1).path("name").asText());
        assertTrue(steps.get(1).path("docs_rejected").asLong() > 0, "the fortunes shards repeat some fortunes: " + steps.get(1));
        assertEquals("span_dedup", steps.get(steps.size() - 1).path("name").asText());
    }

    @Test
    void aKilledSparkRunResumesShardByShardAndEndsLikeACleanRun() throws Exception {
        Path local = tmp.resolve("resume-local");
        Path onSpark = tmp.resolve("resume-spark");
        StageResult a = run("steps", STEPS, local, options("local"));
        run("steps", STEPS, onSpark, options("spark"));
        // as if the run died after shards 0 and 2: shard 1's marker and stats gone, shard 3 half-written
        StageLayout layout = new StageLayout(onSpark);
        Files.delete(layout.marker(1));
        Files.delete(layout.marker(3));
        Files.delete(layout.stats());
        try (var s = Files.list(layout.kept())) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("part-00003")).toList()) {
                Files.move(p, p.resolveSibling("." + p.getFileName() + ".tmp"));
            }
        }
        StageResult again = run("steps", STEPS, onSpark, options("spark"));
        assertEquals(2, again.resumedShards());
        assertSameRun(local, onSpark, a, again);
        StageResult third = run("steps", STEPS, onSpark, options("spark"));
        assertEquals(4, third.resumedShards(), "a finished run is not redone");
        assertEquals(a.docsKept(), third.docsKept());
    }

    /** kill -9 of a Spark run in its own JVM while its tasks write; the next run resumes and ends like a clean run. */
    @Test
    void aSparkRunKilledMidWayResumes() throws Exception {
        List<String> slow = List.of(STEPS.get(0).replace("[{type: assign_id}", "[{type: assign_id}, {type: test_slow, micros_per_doc: 1500}"));
        Path local = tmp.resolve("kill-local");
        Path onSpark = tmp.resolve("kill-spark");
        StageResult a = run("steps", slow, local, options("local"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dspark.master=local[2]"));
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.equals("-XX:+IgnoreUnrecognizedVMOptions") || arg.startsWith("-Dio.netty")) cmd.add(arg);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildRun.class.getName(), input.toString(), onSpark.toString()));
        cmd.addAll(slow);
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        StageLayout layout = new StageLayout(onSpark);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (child.isAlive() && !Files.exists(layout.marker(0)) && !Files.exists(layout.marker(1)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        child.destroyForcibly().waitFor();
        int done = 0;
        for (int i = 0; i < 4; i++) if (Files.exists(layout.marker(i))) done++;
        assertTrue(done >= 1 && done < 4, done + " shards done when killed; child log: " + Files.readString(log));
        StageResult again = run("steps", slow, onSpark, options("spark"));
        assertEquals(done, again.resumedShards());
        assertSameRun(local, onSpark, a, again);
    }

    @Test
    void aFailFastStopOnSparkNamesTheFileAndKeepsFinishedShards() throws Exception {
        Path out = tmp.resolve("failfast");
        RunOptions o = options("spark");
        RunOptions failFast = new RunOptions(o.workers(), o.seed(), o.compression(), o.compressionLevel(), o.maxShardBytes(),
                o.maxRecordBytes(), true, false, o.progress(), "spark");
        StageFailedException e = assertThrows(StageFailedException.class, () -> run("steps", STEPS, out, failFast));
        assertTrue(e.getMessage().contains("d-fortunes.jsonl.gz") && e.getMessage().contains("bad input record"), e.getMessage());
        assertTrue(Files.exists(new StageLayout(out).marker(0)), "finished shards keep their markers");
    }

    @Test
    void speculativeTasksAreRefusedBeforeAnyShardRuns() throws Exception {
        // a context made with speculation on, as a cluster's spark-defaults.conf might
        spark.stop();
        spark = SparkSession.builder().master("local[2]").config("spark.speculation", "true").config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            Path out = tmp.resolve("speculation");
            var e = assertThrows(io.winnow.core.config.ConfigException.class, () -> run("steps", STEPS, out, options("spark")));
            assertTrue(e.getMessage().contains("spark.speculation=false"), e.getMessage());
            assertFalse(Files.exists(new StageLayout(out).marker(0)));
        } finally {
            spark.stop();
            spark = session();
        }
    }

    @Test
    void aPipelineStageWithEngineSparkRunsOnSpark() throws Exception {
        Path pipeline = tmp.resolve("pipeline.yaml");
        Path out = tmp.resolve("pipeline-out");
        Files.writeString(pipeline, """
                name: spark-test
                input: %s
                output: %s
                workers: 2
                seed: 7
                shard_size_mb: 1
                stages:
                  - stage: steps
                    name: prepare
                    engine: spark
                    config:
                      steps: [{type: text_length, min_chars: 200}]
                  - stage: steps
                    name: sample
                    config:
                      steps: [{type: sample, rate: 0.5}]
                """.formatted(input, out));
        List<String> log = new ArrayList<>();
        List<StageResult> r = PipelineRunner.run(Config.load(pipeline),
                new PipelineRunner.Overrides(2, false, false, Progress.Mode.OFF), log::add);
        assertTrue(log.get(0).contains("(engine spark)"), log.toString());
        assertTrue(!log.get(2).contains("engine"), log.toString());
        assertEquals(r.get(0).docsKept(), r.get(1).docsIn());
        // the same stage on the local engine keeps the same documents
        StageResult local = run("steps", List.of("steps=[{type: text_length, min_chars: 200}]"), tmp.resolve("prepare-local"),
                options("local"));
        StageOutputs.assertSame(StageOutputs.contents(tmp.resolve("prepare-local")), StageOutputs.contents(out.resolve("01-prepare")));
        assertEquals(local.docsKept(), r.get(0).docsKept());
    }

    /** Runs with every task rebuilding its job from the recipe (the stage bound again from the registry), as on a cluster. */
    static StageResult rebuildingJobs(java.util.concurrent.Callable<StageResult> run) throws Exception {
        spark.conf().set(SparkEngine.REUSE_DRIVER_JOB, "false");
        try {
            return run.call();
        } finally {
            spark.conf().unset(SparkEngine.REUSE_DRIVER_JOB);
        }
    }

    static void assertSameRun(Path local, Path onSpark, StageResult a, StageResult b) throws IOException {
        StageOutputs.assertSame(StageOutputs.contents(local), StageOutputs.contents(onSpark));
        assertEquals(List.of(a.shards(), a.docsIn(), a.docsKept(), a.docsRejected(), a.badRecords()),
                List.of(b.shards(), b.docsIn(), b.docsKept(), b.docsRejected(), b.badRecords()));
        assertEquals(withoutTimes(stats(local)), withoutTimes(stats(onSpark)));
        assertTrue(a.docsIn() > 5000 && a.badRecords() == 1, a.summary());
        assertTrue(b.docsIn() > 5000 && b.badRecords() == 1, b.summary());
    }

    static JsonNode stats(Path dir) throws IOException {
        return AtomicFiles.json().readTree(dir.resolve("stats.json").toFile());
    }

    /** stats.json without what differs between any two runs (clock times) and the resume count. */
    static JsonNode withoutTimes(JsonNode stats) {
        ObjectNode s = stats.deepCopy();
        s.remove(List.of("started", "finished", "wall_seconds", "resumed_shards"));
        ((ObjectNode) s.get("totals")).remove("task_seconds");
        for (JsonNode step : s.get("steps")) ((ObjectNode) step).remove("seconds");
        return s;
    }
}
