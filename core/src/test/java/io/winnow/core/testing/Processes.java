package io.winnow.core.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs helper programs from tests (apt-get, npm, scripts) without touching the test JVM's own
 * stdin/stdout: surefire talks to the forked JVM over them, and a child that inherits them (npm
 * sets stdin non-blocking) corrupts that channel. Input is /dev/null, output goes to a log file
 * whose tail is shown on failure.
 */
public final class Processes {
    private Processes() {}

    /** Runs the command to completion; returns its stdout. */
    public static String run(ProcessBuilder pb, long timeoutMinutes) throws IOException, InterruptedException {
        Path out = Files.createTempFile("winnow-proc", ".out");
        Path err = Files.createTempFile("winnow-proc", ".err");
        try {
            Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(pb.command() + " did not finish in " + timeoutMinutes + " min" + tail(err));
            }
            String stdout = Files.readString(out);
            if (p.exitValue() != 0) throw new IOException(pb.command() + " failed with exit code " + p.exitValue() + tail(err) + tail(out));
            return stdout;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.isEmpty() ? "" : "\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
