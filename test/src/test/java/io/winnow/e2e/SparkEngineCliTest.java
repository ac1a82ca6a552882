package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `--engine spark` from the plain winnow jar (no Spark on the classpath): every way of asking for it
 * stops before anything runs, with exit code 2 and the place the engine ships in.
 */
class SparkEngineCliTest {
    @TempDir Path tmp;

    /** A valid config for each stage, so the engine is the only thing wrong. */
    static final java.util.Map<String, String> SET = java.util.Map.of(
            "steps", "steps=[{type: text_length, min_chars: 5}]", "safety", "steps=[{type: pii_redact}]");

    @Test
    void theStageCommandsOfferEngineAndSayWhereTheSparkEngineIs() throws Exception {
        for (String stage : new String[] {"steps", "safety", "ingest", "clean", "dedup"}) {
            E2e.Result help = E2e.cli(stage, "--help");
            E2e.assertExit(0, help);
            assertTrue(help.out().contains("--engine"), stage + " --help lists --engine");
        }
        Path in = tmp.resolve("in.jsonl");
        Files.writeString(in, "{\"id\":\"a\",\"text\":\"some text that is long enough\"}\n");
        for (String stage : new String[] {"steps", "safety"}) {
            Path out = tmp.resolve("out-" + stage);
            E2e.Result r = E2e.cli(stage, "-i", in.toString(), "-o", out.toString(), "--engine", "spark", "--set", SET.get(stage));
            E2e.assertExit(2, r);
            assertTrue(r.err().contains("spark-engine/bin/winnow-spark") && r.err().contains("spark-submit"), r.err());
            assertFalse(Files.exists(out), "nothing was written");
        }
        E2e.Result unknown = E2e.cli("steps", "-i", in.toString(), "-o", tmp.resolve("x").toString(), "--engine", "flink",
                "--set", SET.get("steps"));
        E2e.assertExit(2, unknown);
        assertTrue(unknown.err().contains("unknown engine 'flink'"), unknown.err());
    }

    @Test
    void aPipelineStageOnSparkNamesTheFileAndTheKey() throws Exception {
        Path in = tmp.resolve("in.jsonl");
        Files.writeString(in, "{\"id\":\"a\",\"text\":\"some text that is long enough\"}\n");
        Path pipeline = tmp.resolve("p.yaml");
        Files.writeString(pipeline, """
                input: %s
                output: %s
                stages:
                  - stage: steps
                    engine: spark
                    config:
                      steps: [{type: text_length, min_chars: 5}]
                """.formatted(in, tmp.resolve("run")));
        E2e.Result r = E2e.cli("run", pipeline.toString());
        E2e.assertExit(2, r);
        assertTrue(r.err().contains("stages[0].engine") && r.err().contains("p.yaml") && r.err().contains("winnow-spark"), r.err());
        assertFalse(Files.exists(tmp.resolve("run")), "nothing was written");

        // the pipeline's default engine: checked by --dry-run too
        Path byDefault = tmp.resolve("default.yaml");
        Files.writeString(byDefault, Files.readString(pipeline).replace("    engine: spark\n", "") + "engine: spark\n");
        E2e.Result dry = E2e.cli("run", byDefault.toString(), "--dry-run");
        E2e.assertExit(2, dry);
        assertTrue(dry.err().contains("default.yaml") && dry.err().contains("key 'engine'") && dry.err().contains("winnow-spark"), dry.err());
        E2e.Result local = E2e.cli("run", byDefault.toString(), "--dry-run", "--engine", "local");
        E2e.assertExit(0, local);
        assertFalse(local.out().contains("(engine"), local.out());
    }
}
