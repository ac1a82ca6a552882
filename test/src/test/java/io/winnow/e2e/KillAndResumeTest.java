package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 a running `winnow steps` (a child JVM) twice, resume, and compare with a clean run. */
class KillAndResumeTest {
    @TempDir Path tmp;

    static final String CONFIG = """
            steps:
              - type: test_slow
                micros_per_doc: 300
              - type: text_length
                min_chars: 20
              - type: chunk
                max_chars: 300
              - type: sample
                rate: 0.6
            """;

    String[] args(Path in, Path cfg, Path out) {
        return new String[] {"steps", "--input", in.toString(), "--output", out.toString(), "--config", cfg.toString(),
                "--workers", "2", "--shard-size-mb", "1", "--progress", "off"};
    }

    @Test
    void killedRunsResumeToExactlyTheCleanRunsOutput() throws Exception {
        Path in = E2e.sampleData();
        Path cfg = tmp.resolve("steps.yaml");
        Files.writeString(cfg, CONFIG);
        Path clean = tmp.resolve("clean");
        E2e.assertExit(0, E2e.runChild(tmp, args(in, cfg, clean)));

        Path killed = tmp.resolve("killed");
        long shards = countMarkers(clean);
        int kills = 0;
        for (long killAt : new long[] {2, shards / 2}) {
            Process p = E2e.childCli(tmp, args(in, cfg, killed)).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("child-" + killAt + ".log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (p.isAlive() && countMarkers(killed) < killAt && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            if (p.isAlive()) {
                p.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
                p.waitFor();
                kills++;
            }
        }
        assertTrue(kills >= 1, "the run was killed part-way at least once");
        long doneBeforeResume = countMarkers(killed);
        assertTrue(doneBeforeResume < shards, "some shards were left unfinished: " + doneBeforeResume + "/" + shards);
        assertTrue(Files.notExists(killed.resolve("stats.json")), "a killed run has no stats yet");

        E2e.Result resumed = E2e.runChild(tmp, args(in, cfg, killed));
        E2e.assertExit(0, resumed);
        assertTrue(resumed.out().contains("(" + doneBeforeResume + " resumed)"), resumed.out());
        E2e.assertSameOutputs(E2e.outputs(clean), E2e.outputs(killed)); // nothing lost or duplicated
        try (Stream<Path> s = Files.walk(killed)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "no temp files left");
        }
    }

    static long countMarkers(Path out) throws Exception {
        Path d = out.resolve("_winnow/done");
        if (!Files.isDirectory(d)) return 0;
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        }
    }
}
