package io.winnow.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.ingest.IngestSettings;
import io.winnow.ingest.Payload;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The per-document wall-clock budget is enforced, and the worker goes on with the next document. */
class BudgetTest {
    @Test
    void pathologicalPageIsAbandonedWithinTheBudgetAndTheNextOneIsExtracted() {
        IngestSettings s = new IngestSettings();
        Extractor x = new Extractor(s.limits, s.content);
        // 400,000 nested elements: seconds of DOM work, far over a 100 ms budget.
        String deep = "<div>".repeat(200_000) + "text" + "</div>".repeat(200_000);
        byte[] huge = ("<html><body>" + deep + deep + "</body></html>").getBytes(StandardCharsets.UTF_8);
        byte[] normal = "<html><body><p>An ordinary page after the bad one.</p></body></html>".getBytes(StandardCharsets.UTF_8);
        try (BudgetedRunner runner = new BudgetedRunner()) {
            long t0 = System.nanoTime();
            ExtractException e = assertThrows(ExtractException.class, () -> runner.run(
                    d -> x.extract(new Payload(huge, "text/html", null, huge.length, false), null, d), 100));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("timeout", e.rule());
            // budget + grace (+ a grace for the thread to stop) on a loaded 2-core machine
            assertTrue(ms < 100 + 2 * BudgetedRunner.graceMillis(100) + 1500, "took " + ms + " ms");
            Extraction ok = runner.run(d -> x.extract(new Payload(normal, "text/html", null, normal.length, false), null, d), 5000);
            assertEquals("An ordinary page after the bad one.", ok.text());
        }
    }

    @Test
    void parserThatIgnoresTheDeadlineIsStoppedAndReplaced() throws Exception {
        long before = BudgetedRunner.abandonedThreads();
        Thread[] spinner = new Thread[1];
        try (BudgetedRunner runner = new BudgetedRunner()) {
            long t0 = System.nanoTime();
            ExtractException e = assertThrows(ExtractException.class, () -> runner.run(d -> {
                spinner[0] = Thread.currentThread();
                long x = 0;
                while (true) { // never checks the deadline, never reads, ignores interrupts
                    x += System.nanoTime() & 1;
                    if (x == Long.MIN_VALUE) return "unreachable";
                }
            }, 200));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("timeout", e.rule());
            assertTrue(e.getMessage().contains("abandoned"), e.getMessage());
            assertTrue(ms < 200 + 2 * BudgetedRunner.graceMillis(200) + 1500, "took " + ms + " ms");
            assertEquals(before + 1, BudgetedRunner.abandonedThreads());
            // Java 17 can still stop a thread: the spinning parser is gone, not burning a core.
            spinner[0].join(5000);
            assertTrue(!spinner[0].isAlive() || Runtime.version().feature() >= 20, "spinner still alive");
            assertEquals("next", runner.run(d -> "next", 1000));
        }
    }
}
