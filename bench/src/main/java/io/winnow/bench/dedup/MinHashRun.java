package io.winnow.bench.dedup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link MinHashBenchmark} (one thread = one core) and writes {@code minhash-jmh.json} (raw JMH
 * results) and {@code minhash-jmh.md} (documents, shingles and MB per second per core, per preset).
 *
 * <pre>java -Dwinnow.corpora=DIR -cp bench/target/benchmarks.jar io.winnow.bench.dedup.MinHashRun [--out DIR] [JMH options]</pre>
 */
public final class MinHashRun {
    private MinHashRun() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of("bench/results");
        List<String> jmh = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) out = Path.of(args[++i]);
            else jmh.add(args[i]);
        }
        String corpora = System.getProperty("winnow.corpora", "../corpora");
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(jmh.toArray(new String[0])))
                .include(MinHashBenchmark.class.getName() + "\\.")
                .jvmArgsAppend("-Dwinnow.corpora=" + corpora)
                .threads(1)
                .shouldFailOnError(true)
                .build()).run();
        Files.createDirectories(out);
        ResultFormatFactory.getInstance(ResultFormatType.JSON, out.resolve("minhash-jmh.json").toString()).writeOut(results);
        StringBuilder md = new StringBuilder();
        md.append("# MinHash shingling and signing speed per core (JMH)\n\n");
        md.append(String.format(Locale.ROOT, "%s, %s, 1 thread, %d cores on a shared, noisy machine: compare rows with each other.%n",
                LocalDate.now(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        md.append("First 3,000 documents of each ground-truth set of the shared corpora: `neardup` (English e-mails and HTML ");
        md.append("manuals, ~5 KB each) and `neardup_zh_poetry` (Tang poems, ~50 characters). `shingle` = normalization + ");
        md.append("segmentation + n-gram hashing; `signature` = that plus the MinHash signature (112, 260 or 128 permutations).\n\n");
        md.append("| preset | set | benchmark | docs/s | shingles/s | MB/s |\n|---|---|---|---|---|---|\n");
        for (RunResult r : results) {
            var p = r.getParams();
            Result<?> sh = r.getSecondaryResults().get("shingles");
            Result<?> by = r.getSecondaryResults().get("bytes");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %,.0f | %.2f |%n", p.getParam("preset"), p.getParam("set"),
                    p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1), r.getPrimaryResult().getScore(),
                    sh == null ? 0 : sh.getScore(), by == null ? 0 : by.getScore() / 1e6));
        }
        Files.writeString(out.resolve("minhash-jmh.md"), md.toString(), StandardCharsets.UTF_8);
        System.out.print(md);
    }
}
