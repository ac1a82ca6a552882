package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.winnow.cli.WinnowCli;
import io.winnow.core.shard.Compression;
import io.winnow.core.testing.StageOutputs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Helpers shared by the end-to-end tests: the repository, sample data, the CLI in and out of process. */
final class E2e {
    private E2e() {}

    static Path repo() {
        String p = System.getProperty("winnow.repo");
        Path r = p != null ? Path.of(p) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.exists(r.resolve("configs/pipelines/quickstart.yaml"))) {
            throw new IllegalStateException("cannot find the repository root (set -Dwinnow.repo): " + r);
        }
        return r;
    }

    /** Real sample text from Debian packages, fetched once by the project's script. */
    static synchronized Path sampleData() throws Exception {
        Path repo = repo();
        Path sample = repo.resolve("data/sample");
        if (!Files.exists(sample.resolve(".complete"))) {
            io.winnow.core.testing.Processes.run(new ProcessBuilder("bash", repo.resolve("scripts/fetch-sample-data.sh").toString())
                    .directory(repo.toFile()), 10);
        }
        return sample;
    }

    record Result(int exit, String out, String err) {}

    /** Runs the CLI in this JVM, capturing its output. */
    static Result cli(String... args) {
        CommandLine cl = WinnowCli.commandLineFor(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Starts the CLI as a child JVM with this test's classpath. */
    static ProcessBuilder childCli(Path workDir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        // the module flags this JVM got from surefire (Chronicle Map needs them)
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-Dchronicle") || a.equals("-XX:+IgnoreUnrecognizedVMOptions")) cmd.add(a);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WinnowCli.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(workDir.toFile());
    }

    static Result runChild(Path workDir, String... args) throws Exception {
        Path log = Files.createTempFile("winnow-child", ".log");
        Process p = childCli(workDir, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("child winnow did not finish: " + Files.readString(log));
        }
        String out = Files.readString(log);
        Files.delete(log);
        return new Result(p.exitValue(), out, out);
    }

    static Map<String, String> outputs(Path stageDir) throws IOException {
        return StageOutputs.contents(stageDir);
    }

    static String read(Path shard) throws IOException {
        return StageOutputs.read(shard);
    }

    static long lines(Path dir) throws IOException {
        long n = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(f -> Compression.of(f) != null)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                n += read(p).lines().filter(l -> !l.isBlank()).count();
            }
        }
        return n;
    }

    static void assertSameOutputs(Map<String, String> expected, Map<String, String> actual) {
        StageOutputs.assertSame(expected, actual);
    }

    static void assertExit(int expected, Result r) {
        assertEquals(expected, r.exit(), () -> "exit code; stdout:\n" + r.out() + "\nstderr:\n" + r.err());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
