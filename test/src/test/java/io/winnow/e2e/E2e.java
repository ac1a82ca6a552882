package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.winnow.cli.WinnowCli;
import io.winnow.core.shard.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
            Process p = new ProcessBuilder("bash", repo.resolve("scripts/fetch-sample-data.sh").toString())
                    .directory(repo.toFile()).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("scripts/fetch-sample-data.sh failed");
            }
        }
        return sample;
    }

    record Result(int exit, String out, String err) {}

    /** Runs the CLI in this JVM, capturing its output. */
    static Result cli(String... args) {
        CommandLine cl = WinnowCli.commandLine();
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

    /** Every line of every output shard of a stage, by relative path (decompressed). */
    static Map<String, String> outputs(Path stageDir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String sub : List.of("kept", "rejected", "bad-records")) {
            Path d = stageDir.resolve(sub);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                for (Path p : s.sorted().toList()) {
                    m.put(sub + "/" + p.getFileName(), read(p));
                }
            }
        }
        return m;
    }

    static String read(Path shard) throws IOException {
        try (InputStream in = Compression.of(shard).decode(Files.newInputStream(shard))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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

    /** Same files with the same content; on failure says which files differ and how, not the whole corpus. */
    static void assertSameOutputs(Map<String, String> expected, Map<String, String> actual) {
        List<String> problems = new ArrayList<>();
        for (String k : expected.keySet()) if (!actual.containsKey(k)) problems.add("missing " + k);
        for (String k : actual.keySet()) if (!expected.containsKey(k)) problems.add("unexpected " + k);
        for (String k : expected.keySet()) {
            String a = expected.get(k);
            String b = actual.get(k);
            if (b != null && !a.equals(b)) {
                List<String> la = a.lines().toList();
                List<String> lb = b.lines().toList();
                int i = 0;
                while (i < Math.min(la.size(), lb.size()) && la.get(i).equals(lb.get(i))) i++;
                problems.add(k + ": " + la.size() + " vs " + lb.size() + " lines, first difference at line " + (i + 1)
                        + (i < lb.size() ? ": " + lb.get(i).substring(0, Math.min(200, lb.get(i).length())) : ""));
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " differences:\n" + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
        }
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
