package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `winnow clean` as a user runs it: separate processes, a persistent index, kill -9 and resume. */
class CleanCliTest {
    @TempDir Path tmp;

    @Test
    void persistentIndexAcrossTwoProcessesCatchesTheSecondBatchsDuplicates() throws Exception {
        Path sample = E2e.sampleData();
        Path index = tmp.resolve("index");
        String[] common = {"--progress", "off", "--set", "rules=[]", "--set", "span_dedup.enabled=false", "--index", index.toString()};
        E2e.Result first = E2e.runChild(tmp, concat(new String[] {"clean", "-i", sample.resolve("fortunes-en").toString(),
                "-o", tmp.resolve("b1").toString()}, common));
        E2e.assertExit(0, first);
        // batch 2 = the Chinese shards plus a copy of one English shard seen in batch 1
        Path b2 = tmp.resolve("in2");
        E2e.copyTree(sample.resolve("fortunes-zh"), b2);
        Files.copy(sample.resolve("fortunes-en/computers.jsonl.gz"), b2.resolve("computers-again.jsonl.gz"));
        E2e.Result second = E2e.runChild(tmp, concat(new String[] {"clean", "-i", b2.toString(),
                "-o", tmp.resolve("b2").toString()}, common));
        E2e.assertExit(0, second);
        var stats = new ObjectMapper().readTree(tmp.resolve("b2/stats.json").toFile());
        long copies = E2e.lines(sample.resolve("fortunes-en/computers.jsonl.gz").getParent().resolve("computers.jsonl.gz"));
        long dupRejects = stats.get("steps").get(1).get("rejected_by_rule").path("duplicate").asLong();
        assertTrue(dupRejects >= copies, "every document of the copied shard is a duplicate of batch 1: " + dupRejects + " of " + copies);
        String rejected = String.join("\n", E2e.outputs(tmp.resolve("b2")).values());
        assertTrue(rejected.contains("\"duplicate_of_batch\":0"), "duplicates point at the earlier batch");
    }

    @Test
    void cleanKilledInEachPassResumesToTheCleanRunsOutput() throws Exception {
        Path in = E2e.sampleData();
        Path cfg = tmp.resolve("clean.yaml");
        Files.writeString(cfg, """
                rules:
                  - type: test_slow
                    micros_per_doc: 150
                  - type: gopher_repetition
                  - type: fineweb_quality
                  - type: sentence_quality
                span_dedup:
                  min_doc_chars: 20
                """);
        Path clean = tmp.resolve("clean");
        E2e.assertExit(0, E2e.runChild(tmp, args(in, cfg, clean)));

        Path killed = tmp.resolve("killed");
        // kill once while the rules pass runs, once during the span-dedup pass (or as late as we can)
        killWhen(in, cfg, killed, () -> KillAndResumeTest.countMarkers(killed.resolve("_winnow/phases/rules")) >= 3);
        assertTrue(Files.notExists(killed.resolve("stats.json")), "the first kill landed before the end");
        killWhen(in, cfg, killed, () -> Files.exists(killed.resolve("_winnow/span-count.done")));
        E2e.Result resumed = E2e.runChild(tmp, args(in, cfg, killed));
        E2e.assertExit(0, resumed);
        E2e.assertSameOutputs(E2e.outputs(clean), E2e.outputs(killed));
        assertEquals(new ObjectMapper().readTree(clean.resolve("stats.json").toFile()).get("totals").get("docs_kept"),
                new ObjectMapper().readTree(killed.resolve("stats.json").toFile()).get("totals").get("docs_kept"));
    }

    interface Check {
        boolean done() throws Exception;
    }

    private void killWhen(Path in, Path cfg, Path out, Check check) throws Exception {
        Process p = E2e.childCli(tmp, args(in, cfg, out)).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("kill-" + System.nanoTime() + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (p.isAlive() && !check.done() && System.nanoTime() < deadline) Thread.sleep(5);
        p.destroyForcibly();
        p.waitFor();
    }

    private static String[] args(Path in, Path cfg, Path out) {
        return new String[] {"clean", "-i", in.toString(), "-o", out.toString(), "-c", cfg.toString(),
                "--workers", "2", "--progress", "off"};
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
