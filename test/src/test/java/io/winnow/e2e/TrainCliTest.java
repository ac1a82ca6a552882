package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `winnow train` as a user runs it: tokenizer and mix from the sample data, then training in a child JVM that is
 * stopped with SIGTERM (Ctrl-C's signal for a service), which finishes the step and writes a checkpoint; `--resume`
 * then continues exactly as an uninterrupted run.
 */
class TrainCliTest {
    @TempDir Path tmp;

    @Test
    void helpListsTrainAndItsOptions() {
        E2e.Result top = E2e.cli("--help");
        E2e.assertExit(0, top);
        assertTrue(top.out().contains("train"), top.out());
        E2e.Result r = E2e.cli("train", "--help");
        E2e.assertExit(0, r);
        for (String s : new String[] {"--resume", "--set", "--device", "--launcher", "--dry-run", "--execute", "--stop-after"}) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
        E2e.Result bad = E2e.cli("train", tmp.resolve("missing.yaml").toString());
        assertTrue(bad.exit() != 0 && bad.err().contains("missing.yaml"), bad.err());
    }

    @Test
    void sigtermCheckpointsAndResumeMatchesTheUninterruptedRun() throws Exception {
        Path sample = E2e.sampleData();
        Path tok = tmp.resolve("tok");
        E2e.assertExit(0, E2e.cli("tokenizer", "train", "--input", sample.resolve("fortunes-en") + "," + sample.resolve("fortunes-zh"),
                "--model_prefix", tok.toString(), "--vocab_size", "4000", "--character_coverage", "0.995", "--byte_fallback", "--quiet"));
        Path mixYaml = tmp.resolve("mix.yaml");
        Files.writeString(mixYaml, """
                name: e2e
                tokenizer: %s.model
                token_budget: 400000
                validation_share: 0.05
                sources:
                  - {name: en, paths: ["%s"], share: 0.6}
                  - {name: zh, paths: ["%s"], share: 0.4}
                """.formatted(tok, sample.resolve("fortunes-en"), sample.resolve("fortunes-zh")));
        E2e.assertExit(0, E2e.cli("mix", mixYaml.toString(), "--output", tmp.resolve("mix").toString(), "--progress", "off"));
        Path cfg = tmp.resolve("train.yaml");
        Files.writeString(cfg, """
                name: e2e
                preset: tiny
                data: {mixture: "%s"}
                train: {steps: 300, warmup_steps: 10, eval_interval: 20, log_interval: 10}
                checkpoint: {interval: 1000}
                """.formatted(tmp.resolve("mix")));

        Path stopped = tmp.resolve("stopped");
        Process p = child("train", cfg.toString(), "--output", stopped.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("stopped.log").toFile()).start();
        Path metrics = stopped.resolve("metrics.jsonl");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (p.isAlive() && trainSteps(metrics) < 8 && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(p.isAlive(), "still training when stopped:\n" + Files.readString(tmp.resolve("stopped.log")));
        p.destroy(); // SIGTERM: the shutdown hook lets the step finish and checkpoint
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        String log = Files.readString(tmp.resolve("stopped.log"));
        long at = trainSteps(metrics);
        assertTrue(at >= 8 && at < 40, at + " steps\n" + log);
        assertTrue(log.contains("train: stopped at step " + at), log);
        assertEquals(String.format("step-%08d", at), Files.readString(stopped.resolve("checkpoints/latest")).trim());

        E2e.Result resumed = run(child("train", cfg.toString(), "--output", stopped.toString(), "--resume",
                stopped.toString(), "--stop-after", "40"));
        E2e.assertExit(0, resumed);
        assertTrue(resumed.out().contains("resumed from") && resumed.out().contains("train: stopped at step 40"), resumed.out());

        Path straight = tmp.resolve("straight");
        E2e.assertExit(0, run(child("train", cfg.toString(), "--output", straight.toString(), "--stop-after", "40")));
        assertEquals(withoutTimings(straight.resolve("metrics.jsonl")), withoutTimings(metrics));
        assertTrue(Files.size(stopped.resolve("loss.png")) > 10_000);
    }

    @Test
    void launcherExecuteRunsTheScriptOnThisNode() throws Exception {
        Path mix = tmp.resolve("mix");
        Files.createDirectories(mix.resolve("train"));
        Files.writeString(mix.resolve("train/part-00000.bin"), "");
        Files.writeString(mix.resolve("train/part-00000.idx"), "");
        Files.writeString(mix.resolve("manifest.json"), """
                {"format": "winnow-mixture/1", "tokenizer": {"path": "/data/t.model", "vocab_size": 4000, "dtype": "uint16"},
                 "splits": {"train": {"tokens": 100, "datasets": [{"prefix": "train/part-00000", "tokens": 100, "documents": 1}]},
                            "valid": {"tokens": 0, "datasets": []}}}
                """);
        Path megatron = Files.createDirectories(tmp.resolve("Megatron-LM"));
        Files.writeString(megatron.resolve("pretrain_gpt.py"), "");
        Path argv = tmp.resolve("argv");
        Path recorder = tmp.resolve("torchrun");
        Files.writeString(recorder, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > '" + argv + "'\n");
        recorder.toFile().setExecutable(true);
        Path cfg = tmp.resolve("launch.yaml");
        Files.writeString(cfg, "name: launch\npreset: tiny\noutput: " + tmp.resolve("out") + "\ndata: {mixture: \"" + mix + "\"}\n"
                + "megatron: {nodes: 1, gpus_per_node: 2}\n");
        ProcessBuilder pb = E2e.childCli(tmp, "train", cfg.toString(), "--launcher", "megatron", "--execute");
        pb.environment().put("TORCHRUN", recorder.toString());
        pb.environment().put("MEGATRON_DIR", megatron.toString());
        E2e.Result r = run(pb);
        E2e.assertExit(0, r);
        assertTrue(r.out().contains("launch-megatron.sh") && r.out().contains("running it on this node"), r.out());
        List<String> args = Files.readAllLines(argv);
        assertEquals(List.of("--nproc_per_node", "2", "--nnodes", "1"), args.subList(0, 4));
        assertTrue(args.contains("--train-data-path") && args.contains(mix + "/train/part-00000"), args.toString());
        assertTrue(Files.isExecutable(tmp.resolve("out/launch-megatron.sh")));

        pb.environment().remove("TORCHRUN");
        pb.environment().put("PATH", "/usr/bin:/bin");
        E2e.Result missing = run(pb);
        assertEquals(1, missing.exit(), missing.out());
        assertTrue(missing.out().contains("torchrun not found"), missing.out());
    }

    /** The CLI in a child JVM, with the PyTorch natives unpacked under target/ instead of ~/.djl.ai. */
    private ProcessBuilder child(String... args) {
        ProcessBuilder pb = E2e.childCli(tmp, args);
        Path cache = Path.of("target", "djl-cache").toAbsolutePath();
        pb.environment().put("DJL_CACHE_DIR", cache.toString());
        pb.environment().put("ENGINE_CACHE_DIR", cache.toString());
        return pb;
    }

    private static E2e.Result run(ProcessBuilder pb) throws Exception {
        Path log = Files.createTempFile("winnow-train", ".log");
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("child winnow did not finish: " + Files.readString(log));
        }
        String out = Files.readString(log);
        Files.delete(log);
        return new E2e.Result(p.exitValue(), out, out);
    }

    private static long trainSteps(Path metrics) throws Exception {
        if (!Files.exists(metrics)) return 0;
        return Files.readAllLines(metrics).stream().filter(l -> l.contains("\"loss\"")).count();
    }

    private static List<String> withoutTimings(Path metrics) throws Exception {
        ObjectMapper om = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            JsonNode n = om.readTree(line);
            ((ObjectNode) n).remove("tokens_per_s");
            out.add(n.toString());
        }
        return out;
    }
}
