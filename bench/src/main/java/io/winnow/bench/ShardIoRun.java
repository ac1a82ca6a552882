package io.winnow.bench;

import io.winnow.core.shard.Compression;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ShardIoBenchmark} with 1 and 2 threads and writes {@code shard-io.json} (raw JMH
 * results of both runs) and {@code shard-io.md} (MB/s table and ratios) to the results directory.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.winnow.bench.ShardIoRun [--out DIR] [--threads 1,2] [JMH options]
 * </pre>
 *
 * JMH options (e.g. {@code -f 1 -wi 3 -i 5 -w 2s -r 2s}, {@code -p datasetMB=16}) override the
 * defaults annotated on the benchmark. {@code --out} defaults to {@code bench/results} of the repository.
 */
public final class ShardIoRun {
    private ShardIoRun() {}

    public static void main(String[] args) throws Exception {
        Path out = null;
        List<Integer> threads = List.of(1, 2);
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--threads" -> threads = Stream.of(args[++i].split(",")).map(s -> Integer.parseInt(s.trim())).toList();
                case "-h", "--help" -> {
                    System.out.println("usage: ShardIoRun [--out DIR] [--threads 1,2] [JMH options]");
                    return;
                }
                default -> jmhArgs.add(args[i]);
            }
        }
        if (out == null) {
            Path root = RepoRoot.find();
            out = root != null ? root.resolve("bench/results") : Path.of("results");
        }
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            System.err.println("bad JMH option: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Fail fast, before any fork starts, when the sample is missing.
        String sampleParam = cli.getParameter("sample").hasValue()
                ? String.join("", cli.getParameter("sample").get()) : "";
        Path sampleDir = SampleCorpus.resolveSampleDir(sampleParam);
        int datasetMB = cli.getParameter("datasetMB").hasValue()
                ? Integer.parseInt(cli.getParameter("datasetMB").get().iterator().next()) : 32;

        // The exact uncompressed bytes every operation moves (the forks build the same corpus).
        SampleCorpus corpus = SampleCorpus.build(sampleDir, datasetMB * 1_000_000L);
        long[] sizes = shardSizes(corpus);
        double mbPerOp = sizes[0] / 1e6;

        LoadSampler load = LoadSampler.start();
        long started = System.nanoTime();
        List<RunResult> results = new ArrayList<>();
        for (int t : threads) {
            Options opts = new OptionsBuilder()
                    .parent(cli)
                    .include(ShardIoBenchmark.class.getName() + "\\.")
                    .threads(t)
                    .mode(Mode.Throughput) // the MB/s conversion below assumes shards per second
                    .timeUnit(TimeUnit.SECONDS)
                    .shouldFailOnError(true)
                    .build();
            results.addAll(run(opts));
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        load.stop();
        if (rows(results, mbPerOp).isEmpty()) {
            System.err.println("no results (see the JMH output above); nothing written");
            System.exit(1);
        }

        Files.createDirectories(out);
        Path json = out.resolve("shard-io.json");
        ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(results);

        Path md = out.resolve("shard-io.md");
        Files.writeString(md, report(results, corpus, sizes, minutes, load), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println("wrote " + json + " and " + md);
        System.out.print(table(rows(results, mbPerOp)));
    }

    private static Collection<RunResult> run(Options opts) throws RunnerException {
        return new Runner(opts).run();
    }

    /** Uncompressed size of the corpus as a shard, and its size as a .jsonl.gz and a .jsonl.zst shard. */
    private static long[] shardSizes(SampleCorpus corpus) throws IOException {
        Path dir = Files.createTempDirectory("winnow-shard-bench-sizes-");
        try {
            Path gz = dir.resolve("c" + Compression.GZIP.extension());
            Path zst = dir.resolve("c" + Compression.ZSTD.extension());
            long plain = ShardIoBenchmark.writeAll(corpus.documents(), gz);
            ShardIoBenchmark.writeAll(corpus.documents(), zst);
            return new long[] {plain, Files.size(gz), Files.size(zst)};
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private record Row(String codec, String op, int threads, double mbps, double error) {}

    /** MB/s rows: JMH's score (shards per second, summed over threads) times the MB in one shard. */
    private static List<Row> rows(Collection<RunResult> results, double mbPerOp) {
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            String op = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1);
            Result<?> score = r.getPrimaryResult();
            if (!"ops/s".equals(score.getScoreUnit())) {
                throw new IllegalStateException("expected ops/s (throughput mode), got " + score.getScoreUnit());
            }
            rows.add(new Row(p.getParam("codec"), op, p.getThreads(),
                    score.getScore() * mbPerOp, score.getScoreError() * mbPerOp));
        }
        rows.sort(Comparator.comparing(Row::op, Comparator.reverseOrder()) // write before read
                .thenComparing(Row::codec).thenComparingInt(Row::threads));
        return rows;
    }

    private static Row find(List<Row> rows, String codec, String op, int threads) {
        for (Row r : rows) {
            if (r.codec.equals(codec) && r.op.equals(op) && r.threads == threads) return r;
        }
        return null;
    }

    private static String codecName(String codec) {
        return switch (codec) {
            case "gz" -> "gzip (.jsonl.gz, level 6)";
            case "zst" -> "zstd (.jsonl.zst, level 3)";
            default -> codec;
        };
    }

    private static String num(double v) {
        if (Double.isNaN(v)) return "n/a";
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }

    private static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| codec | operation | threads | MB/s (± 99.9% CI) |\n");
        sb.append("|---|---|---:|---:|\n");
        for (Row r : rows) {
            sb.append("| ").append(codecName(r.codec)).append(" | ").append(r.op).append(" | ").append(r.threads)
                    .append(" | ").append(num(r.mbps)).append(" ± ").append(num(r.error)).append(" |\n");
        }
        return sb.toString();
    }

    /** a/b with the relative errors of a and b added in quadrature. */
    private static String ratio(Row a, Row b) {
        if (a == null || b == null) return "n/a";
        double q = a.mbps / b.mbps;
        double rel = Math.sqrt(sq(a.error / a.mbps) + sq(b.error / b.mbps));
        String s = String.format(Locale.ROOT, "%.2f×", q);
        if (!Double.isNaN(rel)) s += String.format(Locale.ROOT, " (± %.2f)", q * rel);
        return s;
    }

    private static double sq(double v) { return v * v; }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String report(List<RunResult> results, SampleCorpus corpus, long[] sizes, double minutes,
                                 LoadSampler load)
            throws IOException {
        double mbPerOp = sizes[0] / 1e6;
        List<Row> rows = rows(results, mbPerOp);
        BenchmarkParams p = results.get(0).getParams();
        StringBuilder sb = new StringBuilder();
        sb.append("# Shard read/write throughput\n\n");
        sb.append("Generated by `bench/run-shard-bench.sh` (`io.winnow.bench.ShardIoRun`, benchmark ")
                .append("`io.winnow.bench.ShardIoBenchmark`). Raw JMH output: [`shard-io.json`](shard-io.json).\n\n");
        sb.append("MB/s = 10^6 bytes per second of **uncompressed JSON** (the shard's content as written or ")
                .append("parsed), summed over threads. JMH measures whole shards per second (the `score` in the ")
                .append("JSON); every shard holds exactly ").append(sizes[0]).append(" bytes of JSON, so MB/s = score × ")
                .append(String.format(Locale.ROOT, "%.6f", mbPerOp)).append(". ± is JMH's 99.9% confidence ")
                .append("half-width over the measurement iterations, converted the same way.\n\n");
        sb.append(table(rows)).append('\n');

        sb.append("## Ratios\n\n");
        sb.append("Ratios of means within this run; ± adds the relative errors in quadrature. Where ± is ")
                .append("about as large as the distance of the ratio from 1, this run cannot tell the two apart.\n\n");
        sb.append("| comparison | write | read |\n|---|---:|---:|\n");
        for (int t : distinctThreads(rows)) {
            sb.append("| zstd / gzip, ").append(t).append(t == 1 ? " thread" : " threads").append(" | ")
                    .append(ratio(find(rows, "zst", "write", t), find(rows, "gz", "write", t))).append(" | ")
                    .append(ratio(find(rows, "zst", "read", t), find(rows, "gz", "read", t))).append(" |\n");
        }
        List<Integer> ts = distinctThreads(rows);
        if (ts.size() > 1) {
            int lo = ts.get(0);
            int hi = ts.get(ts.size() - 1);
            for (String c : List.of("gz", "zst")) {
                sb.append("| ").append(hi).append(" threads / ").append(lo).append(lo == 1 ? " thread, " : " threads, ")
                        .append(c.equals("gz") ? "gzip" : "zstd").append(" | ")
                        .append(ratio(find(rows, c, "write", hi), find(rows, c, "write", lo))).append(" | ")
                        .append(ratio(find(rows, c, "read", hi), find(rows, c, "read", lo))).append(" |\n");
            }
        }
        sb.append('\n');

        sb.append("## Set-up\n\n");
        sb.append("- Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append('\n');
        sb.append("- JVM: ").append(p.getVmName()).append(' ').append(p.getVmVersion()).append(" (JDK ")
                .append(p.getJdkVersion()).append("), JMH ").append(p.getJmhVersion()).append(", fork flags `")
                .append(String.join(" ", p.getJvmArgs())).append("`\n");
        sb.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (")
                .append(cpuModel()).append("), ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.arch")).append(", files on the local disk (")
                .append(System.getProperty("java.io.tmpdir")).append("). **Shared and noisy:** the machine is shared with ")
                .append("other work and has only 2 cores (with 2 benchmark threads, JIT, GC and the harness ")
                .append("compete for them), so absolute MB/s can move by tens of percent between runs; compare ")
                .append("ratios within one run, not numbers across runs or machines.");
        if (load.samples() > 0) {
            sb.append(String.format(Locale.ROOT, " 1-minute load average during the run: mean %.1f, max %.1f",
                    load.mean(), load.max()))
                    .append(" (the benchmark itself accounts for about 1 with one thread, 2 with two; more means ")
                    .append("other work was competing for the cores).");
            if (load.mean() > Runtime.getRuntime().availableProcessors() + 2) {
                sb.append(" With that much competing work the scheduler gives 2 benchmark threads about twice ")
                        .append("the CPU share of 1, so the 2-thread/1-thread ratios here show CPU share more than ")
                        .append("scaling; the zstd/gzip ratios (same thread count) are less affected, but the ")
                        .append("load also changed between configurations.");
            }
        }
        sb.append('\n');
        sb.append("- JMH: ").append(p.getForks()).append(" fork, ").append(p.getWarmup().getCount())
                .append(" warm-up × ").append(p.getWarmup().getTime()).append(" + ")
                .append(p.getMeasurement().getCount()).append(" measured × ").append(p.getMeasurement().getTime())
                .append(" iterations per configuration, throughput mode; whole run ")
                .append(String.format(Locale.ROOT, "%.1f", minutes)).append(" min.\n");
        sb.append("- Data set: ").append(corpus.documents().size()).append(" documents, ")
                .append(mb(sizes[0])).append(" of JSON lines uncompressed (");
        boolean first = true;
        for (Map.Entry<String, long[]> e : corpus.byLanguage().entrySet()) {
            if (!first) sb.append(", ");
            first = false;
            sb.append(e.getKey()).append(": ").append(e.getValue()[0]).append(" docs, ").append(mb(e.getValue()[1]));
        }
        sb.append("); as shards ").append(mb(sizes[1])).append(" .jsonl.gz (")
                .append(String.format(Locale.ROOT, "%.2f", (double) sizes[0] / sizes[1]))
                .append(":1), ").append(mb(sizes[2])).append(" .jsonl.zst (")
                .append(String.format(Locale.ROOT, "%.2f", (double) sizes[0] / sizes[2]))
                .append(":1).\n");
        sb.append("  Real text only: the ").append(corpus.sampleFortunes()).append(" English and Chinese fortunes ")
                .append("and poems of `scripts/fetch-sample-data.sh` (").append(mb(corpus.sampleTextBytes()))
                .append(" of distinct text), joined at random into documents of ")
                .append(SampleCorpus.MIN_DOC_BYTES / 1000).append("–").append(SampleCorpus.MAX_DOC_BYTES / 1000)
                .append(" KB of text; each fortune is used ").append(timesUsed(corpus))
                .append(", in different documents and far apart.\n");
        sb.append("- What one operation is: **write** = `ShardWriter` over the whole data set, then `commit()` ")
                .append("(flush, fsync, atomic rename) into a temp directory; **read** = `ShardReader` over ")
                .append("a committed shard to the end, parsing every document. Each thread writes/reads its own ")
                .append("file. Read files are hot in the page cache, so reads measure decompression + JSON ")
                .append("parsing, not the disk; writes include the fsync.\n");
        return sb.toString();
    }

    private static String timesUsed(SampleCorpus corpus) {
        double x = (double) textBytes(corpus) / corpus.sampleTextBytes();
        return x < 1.5 ? "at most about once" : String.format(Locale.ROOT, "about %.0f times", x);
    }

    private static long textBytes(SampleCorpus corpus) {
        long n = 0;
        for (var d : corpus.documents()) n += ((Number) d.metadata().get("text_bytes")).longValue();
        return n;
    }

    private static List<Integer> distinctThreads(List<Row> rows) {
        return rows.stream().map(Row::threads).distinct().sorted().toList();
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }
}
