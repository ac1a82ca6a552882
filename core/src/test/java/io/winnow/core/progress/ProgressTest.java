package io.winnow.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void logModePrintsPlainLinesWithRatesAndEta() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = new Progress("clean", Progress.Mode.LOG, 1000, 4, new PrintStream(buf, true, StandardCharsets.UTF_8));
        p.addDocs(1234);
        p.addBytes(250);
        p.shardDone();
        String line = p.line();
        assertTrue(line.startsWith("clean  25.0% 1,234 docs "), line);
        assertTrue(line.contains(" docs/s ") && line.contains(" MB/s") && line.contains(" ETA ") && line.endsWith("shards 1/4"), line);
        assertTrue(!line.contains("\r") && !line.contains("\033"), "no terminal control codes in log mode");
        p.start();
        p.close();
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("clean") && out.endsWith("\n") && !out.contains("\r"), out);
    }

    @Test
    void barModeDrawsABar() {
        Progress p = new Progress("dedup", Progress.Mode.BAR, 100, 1, new PrintStream(new ByteArrayOutputStream()));
        p.addBytes(50);
        assertTrue(p.line().startsWith("dedup [============>           ]  50.0%"), p.line());
    }

    @Test
    void durations() {
        assertEquals("59s", Progress.duration(59));
        assertEquals("1m05s", Progress.duration(65));
        assertEquals("2h03m", Progress.duration(2 * 3600 + 3 * 60 + 10));
    }
}
