package io.winnow.bench.mixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.ShardReader;
import io.winnow.core.shard.ShardWriter;
import io.winnow.mixture.config.MixtureConfig;
import io.winnow.mixture.stage.MixRunner;
import io.winnow.tokenizer.cli.TokenizerCommand;
import io.winnow.tokenizer.encode.BpeEncoder;
import io.winnow.tokenizer.model.SentencePieceModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * Throughput of {@code winnow mix} on real text, with 1 and 2 workers, next to real SentencePiece (the C++
 * encoder Megatron's preprocess_data.py calls, through its Python binding, one and two processes as
 * preprocess_data's pool) on the same documents in the same run.
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.winnow.bench.mixture.MixThroughput [--corpora DIR] [--mb-per-source N]
 * </pre>
 * Input: Debian fortunes (en), chinese-poetry (zh) and Debian HTML manuals (26 languages) from the shared
 * corpora, N MB of JSON each (default 8), 8 shards per source. Tokenizer: Baichuan 2's recipe
 * (configs/tokenizers/baichuan2.yaml) trained by {@code winnow tokenizer train} on tokenizer/tok_5mb.txt with
 * 32,000 pieces. Writes bench/results/mixture.md and mixture.json.
 */
public final class MixThroughput {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static final int REPEATS = 3;

    /** The run with the smallest value of {@code key} (the least disturbed by other work on the machine). */
    static Map<String, Object> best(List<Map<String, Object>> runs, String key) {
        Map<String, Object> b = runs.get(0);
        for (Map<String, Object> r : runs) if ((Double) r.get(key) < (Double) b.get(key)) b = r;
        return b;
    }

    public static void main(String[] args) throws Exception {
        Path corpora = null;
        double mbPerSource = 8;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--corpora" -> corpora = Path.of(args[++i]);
                case "--mb-per-source" -> mbPerSource = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path repo = repo();
        if (corpora == null) corpora = corpora(repo);
        Path work = Files.createTempDirectory("mix-bench");
        try {
            run(repo, corpora, work, mbPerSource);
        } finally {
            deleteTree(work);
        }
    }

    static void run(Path repo, Path corpora, Path work, double mbPerSource) throws Exception {
        // input shards
        long limit = (long) (mbPerSource * 1e6);
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("en", "jsonl/fortunes.jsonl");
        sources.put("zh", "jsonl/chinese_poetry.jsonl");
        sources.put("manuals", "jsonl/html_docs.jsonl");
        List<String> allTexts = new ArrayList<>();
        long textBytes = 0;
        for (var e : sources.entrySet()) {
            List<Document> docs = new ArrayList<>();
            long got = 0;
            try (ShardReader r = new ShardReader(corpora.resolve(e.getValue()), 1 << 26, b -> { })) {
                for (Document d; got < limit && (d = r.next()) != null; ) {
                    Document slim = new Document(d.id(), d.text()).source(d.source()).lang(d.lang());
                    docs.add(slim);
                    got += io.winnow.core.doc.DocumentJson.toJson(slim).getBytes(StandardCharsets.UTF_8).length + 1;
                }
            }
            Path dir = work.resolve("in").resolve(e.getKey());
            Files.createDirectories(dir);
            for (int s = 0; s < 8; s++) {
                try (ShardWriter w = new ShardWriter(dir.resolve(String.format("part-%02d.jsonl.zst", s)), -1)) {
                    for (int i = s; i < docs.size(); i += 8) w.write(docs.get(i));
                    w.commit();
                }
            }
            for (Document d : docs) {
                allTexts.add(d.text());
                textBytes += d.textBytes();
            }
        }
        System.err.printf(Locale.ROOT, "input: %,d documents, %.1f MB of text%n", allTexts.size(), textBytes / 1e6);

        // tokenizer, trained as a user would
        Path model = work.resolve("tok32k.model");
        int rc = new CommandLine(new TokenizerCommand()).execute("train", "--config", repo.resolve("configs/tokenizers/baichuan2.yaml").toString(),
                "--input", corpora.resolve("tokenizer/tok_5mb.txt").toString(), "--model_prefix", work.resolve("tok32k").toString(),
                "--vocab_size", "32000", "--quiet");
        if (rc != 0) throw new IllegalStateException("tokenizer training failed");
        BpeEncoder encoder = new BpeEncoder(SentencePieceModel.read(model));

        // the encoder alone, one thread (after a warm-up pass over the first documents)
        for (int i = 0; i < Math.min(2000, allTexts.size()); i++) encoder.encode(allTexts.get(i));
        String loadBefore = loadAverage();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long tokens = 0;
        for (String t : allTexts) tokens += encoder.encode(t).length;
        double encSeconds = (System.nanoTime() - t0) / 1e9;
        double encCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;

        String yaml = """
                name: bench
                tokenizer: %s
                validation_share: 0.01
                sources:
                  - {name: en, paths: ["%s/en"], share: 0.4}
                  - {name: zh, paths: ["%s/zh"], share: 0.3}
                  - {name: manuals, paths: ["%s/manuals"], share: 0.3}
                """.formatted(model, work.resolve("in"), work.resolve("in"), work.resolve("in"));
        Path cfgFile = work.resolve("mix.yaml");
        Files.writeString(cfgFile, yaml);
        // real SentencePiece on the same documents, 1 and 2 processes
        List<Map<String, Object>> reference = new ArrayList<>();
        String spmVersion = null;
        Path texts = work.resolve("texts.jsonl");
        try (var w = Files.newBufferedWriter(texts)) {
            for (String t : allTexts) {
                w.write(new ObjectMapper().writeValueAsString(Map.of("text", t)));
                w.write('\n');
            }
        }
        Path script = work.resolve("spm_bench.py");
        Files.writeString(script, SPM_SCRIPT);

        // the machine is shared: every configuration runs REPEATS times, interleaved, and CPU time is kept too
        List<List<Map<String, Object>>> mixRuns = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Map<String, Object>>> spmRuns = List.of(new ArrayList<>(), new ArrayList<>());
        List<Map<String, Object>> warm = new ArrayList<>();
        for (int rep = 0; rep < REPEATS; rep++) {
            for (int workers : new int[] {1, 2}) {
                Path cache = work.resolve("cache-" + workers + "-" + rep);
                mixRuns.get(workers - 1).add(mix(cfgFile, work.resolve("out-" + workers), cache, workers, false, "cold cache"));
                if (workers == 2) warm.add(mix(cfgFile, work.resolve("out-2"), cache, 2, true, "warm cache, new seed"));
                deleteTree(cache);
            }
            for (int procs : new int[] {1, 2}) {
                Process p = new ProcessBuilder("python3", script.toString(), model.toString(), texts.toString(), Integer.toString(procs))
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    System.err.println("SentencePiece reference not run: " + out);
                    spmRuns = null;
                    break;
                }
                JsonNode r = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
                spmVersion = r.get("version").asText();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("processes", procs);
                m.put("seconds", r.get("seconds").asDouble());
                m.put("cpu_seconds", r.get("cpu_seconds").asDouble());
                m.put("tokens", r.get("tokens").asLong());
                m.put("mb_per_s", textBytes / 1e6 / r.get("seconds").asDouble());
                m.put("mb_per_cpu_s", textBytes / 1e6 / r.get("cpu_seconds").asDouble());
                spmRuns.get(procs - 1).add(m);
            }
            if (spmRuns == null) break;
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (List<Map<String, Object>> l : mixRuns) runs.add(best(l, "count_seconds"));
        runs.add(best(warm, "wall_seconds"));
        if (spmRuns == null) reference = null;
        else for (List<Map<String, Object>> l : spmRuns) reference.add(best(l, "seconds"));

        Map<String, Object> res = new LinkedHashMap<>();
        res.put("date", LocalDate.now().toString());
        res.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        res.put("cpus", Runtime.getRuntime().availableProcessors());
        res.put("documents", allTexts.size());
        res.put("text_mb", textBytes / 1e6);
        res.put("tokenizer", "Baichuan 2 recipe, 32,000 pieces, trained on tokenizer/tok_5mb.txt");
        Map<String, Object> enc = new LinkedHashMap<>();
        enc.put("seconds", encSeconds);
        enc.put("tokens", tokens);
        enc.put("cpu_seconds", encCpu);
        enc.put("mb_per_s", textBytes / 1e6 / encSeconds);
        enc.put("mb_per_cpu_s", textBytes / 1e6 / encCpu);
        res.put("encoder_one_thread", enc);
        res.put("repeats", REPEATS);
        res.put("load_average_before", loadBefore);
        res.put("load_average_after", loadAverage());
        res.put("mix_runs", runs);
        res.put("mix_runs_all", mixRuns);
        res.put("sentencepiece_version", spmVersion);
        res.put("sentencepiece", reference);
        res.put("sentencepiece_all", spmRuns);
        Path results = repo.resolve("bench/results");
        Files.createDirectories(results);
        JSON.writeValue(results.resolve("mixture.json").toFile(), res);
        Files.writeString(results.resolve("mixture.md"), markdown(res, runs, reference, enc, textBytes));
        System.out.print(Files.readString(results.resolve("mixture.md")));
    }

    /** One mix into {@code out} (replacing what is there); {@code newSeed} re-samples with seed 43. */
    static Map<String, Object> mix(Path cfgFile, Path out, Path cache, int workers, boolean newSeed, String label) throws Exception {
        List<String> sets = new ArrayList<>(List.of("cache_dir=" + cache));
        if (newSeed) sets.add("seed=43");
        Config raw = Config.load(cfgFile).set(sets);
        MixtureConfig cfg = MixtureConfig.bind(raw);
        RunOptions d = RunOptions.defaults();
        RunOptions o = new RunOptions(workers, 42, d.compression(), -1, d.maxShardBytes(), d.maxRecordBytes(), false, true, Progress.Mode.OFF);
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        new MixRunner(cfg, raw, line -> { }).run(null, out, o);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        JsonNode st = new ObjectMapper().readTree(out.resolve("stats.json").toFile());
        JsonNode man = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        JsonNode count = st.get("passes").get("count");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", label);
        m.put("workers", workers);
        m.put("wall_seconds", wall);
        m.put("cpu_seconds", cpu);
        m.put("count_seconds", count.get("seconds").asDouble());
        m.put("sample_seconds", st.get("passes").get("sample").get("seconds").asDouble());
        m.put("write_seconds", st.get("passes").get("write").get("seconds").asDouble());
        m.put("text_mb", count.get("text_bytes").asLong() / 1e6);
        m.put("count_mb_per_s", count.get("text_mb_per_s").asDouble());
        m.put("shards_tokenized", count.get("shards_tokenized").asInt());
        m.put("tokens_written", man.get("achieved_total_tokens").asLong());
        m.put("mb_per_cpu_s", count.get("text_bytes").asLong() / 1e6 / cpu);
        return m;
    }

    static String markdown(Map<String, Object> res, List<Map<String, Object>> runs, List<Map<String, Object>> reference,
                           Map<String, Object> enc, long textBytes) {
        StringBuilder f = new StringBuilder();
        f.append("# winnow mix throughput\n\n");
        f.append(String.format(Locale.ROOT, "%s, %s, %d cores (shared, noisy machine: compare ratios within this run).%n",
                res.get("date"), res.get("java"), (Integer) res.get("cpus")));
        f.append(String.format(Locale.ROOT, "Input: %,d documents, %.1f MB of text: Debian fortunes (en), chinese-poetry (zh) and "
                + "Debian HTML manuals (26 languages) from the shared corpora, 8 shards per source. Tokenizer: %s.%n%n",
                (Integer) res.get("documents"), textBytes / 1e6, res.get("tokenizer")));
        f.append("MB/s are of document text (UTF-8). The count pass is where the tokenizing happens (every document, once; ");
        f.append("later runs read the token cache); sampling reads 26-byte rows; writing copies cached tokens.\n\n");
        f.append(String.format(Locale.ROOT, "Each configuration ran %d times, interleaved with the others; the table shows the fastest run "
                + "(the least disturbed by other work on the machine) and its CPU time (text MB per CPU-second: per-core speed, "
                + "robust to load).%n%n", (Integer) res.get("repeats")));
        f.append("| run | workers | wall s | count pass s | text MB/s (count pass) | MB/s per worker | MB per CPU-s | sample s | write s | tokens written |\n");
        f.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : runs) {
            int w = (Integer) r.get("workers");
            double mbps = (Double) r.get("count_mb_per_s");
            f.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f | %,d |%n", r.get("label"), w,
                    (Double) r.get("wall_seconds"), (Double) r.get("count_seconds"), mbps, mbps / w, (Double) r.get("mb_per_cpu_s"),
                    (Double) r.get("sample_seconds"), (Double) r.get("write_seconds"), (Long) r.get("tokens_written")));
        }
        double one = (Double) runs.get(0).get("count_mb_per_s");
        double two = (Double) runs.get(1).get("count_mb_per_s");
        f.append(String.format(Locale.ROOT, "%nSpeed-up of the count pass with 2 workers: %.2fx. A re-run on the warm cache (new seed, "
                + "same config otherwise) takes %.1f s instead of %.1f s.%n", two / one, (Double) runs.get(2).get("wall_seconds"),
                (Double) runs.get(1).get("wall_seconds")));
        f.append(String.format(Locale.ROOT, "%nThe BpeEncoder alone, one thread, same documents: %.2f MB/s wall, %.2f MB per CPU-s (%,d tokens).%n",
                (Double) enc.get("mb_per_s"), (Double) enc.get("mb_per_cpu_s"), (Long) enc.get("tokens")));
        if (reference != null) {
            f.append(String.format(Locale.ROOT, "%nSide by side, real SentencePiece %s (the C++ encoder behind Megatron's preprocess_data.py; "
                    + "Python binding, documents JSON-decoded and encoded in a multiprocessing pool as preprocess_data does), same documents, same model:%n%n",
                    res.get("sentencepiece_version")));
            f.append("| processes | s | text MB/s | MB/s per process | MB per CPU-s | winnow count pass / SentencePiece (MB/s) |\n|---|---|---|---|---|---|\n");
            for (Map<String, Object> r : reference) {
                int p = (Integer) r.get("processes");
                double mbps = (Double) r.get("mb_per_s");
                double ours = p == 1 ? one : two;
                f.append(String.format(Locale.ROOT, "| %d | %.1f | %.2f | %.2f | %.2f | %.2f |%n", p, (Double) r.get("seconds"), mbps, mbps / p,
                        (Double) r.get("mb_per_cpu_s"), ours / mbps));
            }
        }
        if (reference != null) {
            double spmCpu = (Double) reference.get(0).get("mb_per_cpu_s");
            f.append(String.format(Locale.ROOT, "%n**Per core** (text MB per CPU-second, robust to load): winnow mix's count pass %.2f (1 worker) and %.2f "
                    + "(2 workers) vs SentencePiece %.2f: ratio %.2f. The count pass includes reading and parsing the shards, filters, "
                    + "weights and writing the token cache; SentencePiece only parses JSON and encodes.%n",
                    (Double) runs.get(0).get("mb_per_cpu_s"), (Double) runs.get(1).get("mb_per_cpu_s"), spmCpu,
                    (Double) runs.get(0).get("mb_per_cpu_s") / spmCpu));
        }
        f.append(String.format(Locale.ROOT, "%nLoad average of the shared machine (1, 5, 15 min): %s before, %s after; with %d cores, wall-clock "
                + "speeds and the 2-worker speed-up mostly measure the other work on the machine, so compare MB per CPU-s.%n",
                res.get("load_average_before"), res.get("load_average_after"), (Integer) res.get("cpus")));
        f.append("\nReproduce: `mvn -q -o package -DskipTests -pl bench -am && java -cp bench/target/benchmarks.jar io.winnow.bench.mixture.MixThroughput`\n");
        return f.toString();
    }

    static final String SPM_SCRIPT = """
            import json, multiprocessing, resource, sys, time
            import sentencepiece as spm
            model, path, procs = sys.argv[1], sys.argv[2], int(sys.argv[3])
            sp = None
            def init():
                global sp
                sp = spm.SentencePieceProcessor(model_file=model)
            def encode(line):
                return len(sp.encode(json.loads(line)["text"]))
            def cpu():
                s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
                return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime
            lines = open(path, encoding="utf-8").readlines()
            t0, c0 = time.time(), cpu()
            with multiprocessing.Pool(procs, initializer=init) as pool:
                tokens = sum(pool.imap(encode, lines, 32))
            print(json.dumps({"version": spm.__version__, "seconds": time.time() - t0, "cpu_seconds": cpu() - c0, "tokens": tokens}))
            """;

    /** The 1, 5 and 15 minute load averages: how busy the shared machine was. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static Path repo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/corpora.sh")) && Files.isDirectory(p.resolve("bench"))) return p;
        }
        throw new IllegalStateException("run from inside the repository");
    }

    static Path corpora(Path repo) throws IOException, InterruptedException {
        String env = System.getenv("WINNOW_CORPORA");
        if (env != null) return Path.of(env);
        Process p = new ProcessBuilder("bash", repo.resolve("scripts/corpora.sh").toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) throw new IllegalStateException("scripts/corpora.sh failed");
        return Path.of(out);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }
}
