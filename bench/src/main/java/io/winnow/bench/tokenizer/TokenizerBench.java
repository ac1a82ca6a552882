package io.winnow.bench.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Tokenizer benchmarks, side by side with SentencePiece in the same run. Every tool runs as its own process under
 * {@code /usr/bin/time -v} (wall, CPU, peak RSS), tools alternate, and outputs are compared for equality:
 * <ol>
 *   <li>{@code train}: BPE at vocab 32,000 on tokenizer/tok_large.txt (107 MB) with the flags of the shared spm
 *       baseline; SentencePiece 0.2.2 (pip, Python API) vs {@code winnow tokenizer train}; the .vocab files must
 *       be identical;</li>
 *   <li>{@code encode}: tok_large.txt to ids with that model: spm_encode (C++), SentencePiece 0.2.2 from Python
 *       (batch, 1 and 2 threads) vs {@code winnow tokenizer encode} (1 and 2 threads); the id files must be
 *       identical;</li>
 *   <li>{@code baichuan}: the Baichuan 2 recipe (configs/tokenizers/baichuan2.yaml, 125,696 pieces) on a ≥ 1 GB text
 *       file assembled from the shared corpora; winnow only (time and peak memory).</li>
 * </ol>
 * Results: {@code tokenizer-bench.json} and {@code tokenizer-bench.md} in the output directory (default
 * {@code bench/results}). Usage:
 * <pre>
 *   mvn -q -DskipTests package -pl cli,bench -am
 *   java -cp bench/target/benchmarks.jar io.winnow.bench.tokenizer.TokenizerBench [--corpora DIR] [--out DIR]
 *        [--repeat N] [--only train,encode,baichuan] [--work DIR] [--heap 1g]
 * </pre>
 */
public final class TokenizerBench {
    static final String[] FLAGS = {"model_type=bpe", "vocab_size=32000", "split_digits=true", "byte_fallback=true",
            "normalization_rule_name=identity", "add_dummy_prefix=false", "remove_extra_whitespaces=false",
            "allow_whitespace_only_pieces=true", "max_sentencepiece_length=16", "character_coverage=0.9999",
            "num_threads=2"};

    private static final String PY_TRAIN = String.join("\n",
            "import sys, sentencepiece as spm",
            "kw = dict(input=sys.argv[1], model_prefix=sys.argv[2])",
            "for a in sys.argv[3:]:",
            "    k, v = a.split('=', 1); kw[k] = v",
            "spm.SentencePieceTrainer.train(**kw, minloglevel=2)", "");
    private static final String PY_ENCODE = String.join("\n",
            "import sys, sentencepiece as spm",
            "sp = spm.SentencePieceProcessor(model_file=sys.argv[1])",
            "threads = int(sys.argv[4])",
            "with open(sys.argv[2], 'rb') as f, open(sys.argv[3], 'w') as out:",
            "    while True:",
            "        lines = f.readlines(1 << 24)",
            "        if not lines: break",
            "        batch = [l[:-1] if l.endswith(b'\\n') else l for l in lines]",
            "        for ids in sp.encode(batch, num_threads=threads):",
            "            out.write(' '.join(map(str, ids))); out.write('\\n')", "");

    /** One timed process; {@code load} is the 1-minute load average when it started (the machine is shared). */
    record Run(String tool, String task, double wallS, double userS, double sysS, double peakRssMb, int exit, String load) {}

    private final Path repo, corpora, out, work, winnow;
    private final int repeat;
    /** JVM heap cap for winnow's tok_large runs (--heap); empty = the JVM default (a quarter of RAM). */
    private String heap = "";
    private final List<Run> runs = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    TokenizerBench(Path repo, Path corpora, Path out, Path work, int repeat) {
        this.repo = repo;
        this.corpora = corpora;
        this.out = out;
        this.work = work;
        this.repeat = repeat;
        this.winnow = repo.resolve("bin/winnow");
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        Path corpora = null, out = null, work = null;
        int repeat = 1;
        String heapArg = "";
        List<String> only = List.of("train", "encode", "baichuan");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--corpora" -> corpora = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                case "--heap" -> heapArg = args[++i];
                case "-h", "--help" -> {
                    System.out.println("usage: TokenizerBench [--corpora DIR] [--out DIR] [--work DIR] [--repeat N] [--only train,encode,baichuan]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (corpora == null) corpora = repo.getParent().resolve("corpora");
        if (out == null) out = repo.resolve("bench/results");
        if (work == null) work = Files.createTempDirectory("tokenizer-bench");
        Files.createDirectories(out);
        Files.createDirectories(work);
        TokenizerBench b = new TokenizerBench(repo, corpora, out, work, repeat);
        b.heap = heapArg;
        if (!heapArg.isEmpty()) b.facts.put("winnow_heap", "-Xmx" + heapArg);
        b.facts.put("date", ZonedDateTime.now().toString());
        b.facts.put("machine", b.sh("nproc").strip() + " cores, " + b.sh("free -g | awk '/Mem:/{print $2}'").strip() + " GiB");
        b.facts.put("sentencepiece_python", b.sh("python3 -c 'import sentencepiece; print(sentencepiece.__version__)'").strip());
        b.facts.put("spm_encode", b.sh("spm_encode --version 2>&1 | head -1").strip());
        b.facts.put("java", System.getProperty("java.version"));
        b.facts.put("load_average_at_start", b.sh("cut -d' ' -f1-3 /proc/loadavg").strip());
        if (only.contains("train")) b.train();
        if (only.contains("encode")) b.encode();
        if (only.contains("baichuan")) b.baichuan();
        b.facts.put("load_average_at_end", b.sh("cut -d' ' -f1-3 /proc/loadavg").strip());
        b.write();
    }

    // ------------------------------------------------------------------ tasks

    private Path tokLarge() { return corpora.resolve("tokenizer/tok_large.txt"); }

    private void train() throws Exception {
        Path py = work.resolve("spm_train.py");
        Files.writeString(py, PY_TRAIN);
        for (int r = 0; r < repeat; r++) {
            List<String> spm = new ArrayList<>(List.of("python3", py.toString(), tokLarge().toString(), work.resolve("spm32k").toString()));
            spm.addAll(List.of(FLAGS));
            runs.add(timed("sentencepiece-0.2.2", "train tok_large 32k", spm));
            List<String> ours = new ArrayList<>(List.of(winnow.toString(), "tokenizer", "train", "--quiet",
                    "--input=" + tokLarge(), "--model_prefix=" + work.resolve("winnow32k")));
            for (String f : FLAGS) ours.add("--" + f);
            runs.add(timed("winnow", "train tok_large 32k", ours, heapEnv()));
        }
        boolean same = Files.mismatch(work.resolve("spm32k.vocab"), work.resolve("winnow32k.vocab")) == -1;
        facts.put("train_vocab_identical", same);
        System.out.println("[bench] .vocab identical: " + same);
    }

    private void encode() throws Exception {
        Path model = work.resolve("spm32k.model");
        if (!Files.exists(model)) throw new IllegalStateException("run the train task first (needs " + model + ")");
        Path py = work.resolve("spm_encode.py");
        Files.writeString(py, PY_ENCODE);
        Path ref = work.resolve("spm_encode.ids");
        for (int r = 0; r < repeat; r++) {
            runs.add(timed("spm_encode-0.1.97 (C++ CLI)", "encode tok_large 1 thread", List.of("spm_encode",
                    "--model=" + model, "--output_format=id", "--input=" + tokLarge(), "--output=" + ref)));
            for (int t : new int[]{1, 2}) {
                Path o = work.resolve("py" + t + ".ids");
                runs.add(timed("sentencepiece-0.2.2 (python batch)", "encode tok_large " + t + " thread" + (t > 1 ? "s" : ""),
                        List.of("python3", py.toString(), model.toString(), tokLarge().toString(), o.toString(), "" + t)));
                facts.put("python_encode_" + t + "_identical", Files.mismatch(ref, o) == -1);
                Path w = work.resolve("winnow" + t + ".ids");
                runs.add(timed("winnow", "encode tok_large " + t + " thread" + (t > 1 ? "s" : ""), List.of(winnow.toString(),
                        "tokenizer", "encode", "--model=" + model, "--output_format=id", "--num_threads=" + t,
                        "--input=" + tokLarge(), "--output=" + w), heapEnv()));
                boolean same = Files.mismatch(ref, w) == -1;
                facts.put("winnow_encode_" + t + "_identical", same);
                System.out.println("[bench] winnow ids (" + t + " threads) identical to spm_encode: " + same);
            }
        }
        facts.put("encode_tokens", Long.parseLong(sh("wc -w < " + ref).strip()));
        facts.put("encode_bytes", Files.size(tokLarge()));
    }

    private void baichuan() throws Exception {
        Path corpus = work.resolve("corpus-1gb.txt");
        long bytes = buildGigabyteCorpus(corpus);
        facts.put("baichuan_corpus_bytes", bytes);
        List<String> cmd = List.of(winnow.toString(), "tokenizer", "train",
                "--config=" + repo.resolve("configs/tokenizers/baichuan2.yaml"), "--input=" + corpus,
                "--model_prefix=" + work.resolve("baichuan2"));
        // the JVM's default heap cap (a quarter of RAM) is too small for a gigabyte of distinct text
        Run r = timed("winnow (-Xmx16g)", "train Baichuan 2 recipe (125,696 pieces) on " + String.format(Locale.ROOT, "%.2f GB", bytes / 1e9),
                cmd, Map.of("WINNOW_JAVA_OPTS", "-Xmx16g"));
        runs.add(r);
        if (r.exit() == 0) {
            facts.put("baichuan_model_bytes", Files.size(work.resolve("baichuan2.model")));
            facts.put("baichuan_summary", Files.readString(work.resolve("last-stdout.txt")).strip());
        }
    }

    /**
     * Concatenates real text from the shared corpora until it passes 1 GB: tok_large.txt, the "text" of every JSONL
     * document (HTML manuals, e-mails, poetry, man pages, POD, fortunes), then UTF-8 text files of the unpacked
     * Debian packages (docs, sources), in sorted path order.
     */
    long buildGigabyteCorpus(Path target) throws IOException {
        long goal = 1L << 30;
        if (Files.exists(target) && Files.size(target) >= goal) return Files.size(target);
        long n = 0;
        try (OutputStream os = Files.newOutputStream(target)) {
            n += copy(tokLarge(), os);
            try (Stream<Path> s = Files.list(corpora.resolve("jsonl"))) {
                for (Path j : s.sorted().toList()) n += jsonlText(j, os);
            }
            List<Path> files;
            try (Stream<Path> s = Files.walk(corpora.resolve("src"))) {
                files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
            }
            for (Path f : files) {
                if (n >= goal) break;
                if (Files.size(f) > (64 << 20) || Files.size(f) == 0) continue;
                byte[] b = Files.readAllBytes(f);
                if (!isText(b)) continue;
                os.write(b);
                if (b[b.length - 1] != '\n') os.write('\n');
                n += b.length + 1;
            }
        }
        return Files.size(target);
    }

    private static long copy(Path f, OutputStream os) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            return in.transferTo(os);
        }
    }

    private static long jsonlText(Path f, OutputStream os) throws IOException {
        long n = 0;
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        try (var r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                var node = m.readTree(line);
                if (node == null || node.get("text") == null) continue;
                byte[] b = (node.get("text").asText() + "\n").getBytes(StandardCharsets.UTF_8);
                os.write(b);
                n += b.length;
            }
        }
        return n;
    }

    /** Valid UTF-8 without NUL bytes. */
    private static boolean isText(byte[] b) {
        for (byte x : b) if (x == 0) return false;
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ measuring

    private Map<String, String> heapEnv() {
        return heap.isEmpty() ? Map.of() : Map.of("WINNOW_JAVA_OPTS", "-Xmx" + heap);
    }

    private Run timed(String tool, String task, List<String> cmd) throws IOException, InterruptedException {
        return timed(tool, task, cmd, Map.of());
    }

    private Run timed(String tool, String task, List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        Path timeLog = work.resolve("time.log");
        String load = sh("cut -d' ' -f1 /proc/loadavg").strip();
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", timeLog.toString()));
        full.addAll(cmd);
        System.out.println("[bench] " + tool + ": " + task);
        ProcessBuilder pb = new ProcessBuilder(full).redirectOutput(work.resolve("last-stdout.txt").toFile())
                .redirectError(work.resolve("last-stderr.txt").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        int exit = p.waitFor();
        Map<String, String> t = new LinkedHashMap<>();
        for (String line : Files.readAllLines(timeLog)) {
            int c = line.lastIndexOf(": ");
            if (c > 0) t.put(line.substring(0, c).strip(), line.substring(c + 2).strip());
        }
        Run r = new Run(tool, task, wall(t.getOrDefault("Elapsed (wall clock) time (h:mm:ss or m:ss)", "0:0")),
                Double.parseDouble(t.getOrDefault("User time (seconds)", "0")),
                Double.parseDouble(t.getOrDefault("System time (seconds)", "0")),
                Long.parseLong(t.getOrDefault("Maximum resident set size (kbytes)", "0")) / 1024.0, exit, load);
        System.out.printf(Locale.ROOT, "[bench]   wall %.1f s, user %.1f s, peak RSS %.0f MB, exit %d, load %s%n", r.wallS(), r.userS(), r.peakRssMb(), exit, load);
        if (exit != 0) System.out.println(Files.readString(work.resolve("last-stderr.txt")));
        return r;
    }

    private static double wall(String s) {
        String[] parts = s.split(":");
        double secs = 0;
        for (String part : parts) secs = secs * 60 + Double.parseDouble(part);
        return secs;
    }

    private String sh(String cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return s;
    }

    // ------------------------------------------------------------------ results

    private void write() throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"facts\": {");
        int i = 0;
        for (var e : facts.entrySet()) {
            json.append(i++ > 0 ? "," : "").append("\n    \"").append(e.getKey()).append("\": ");
            Object v = e.getValue();
            json.append(v instanceof Number || v instanceof Boolean ? v.toString() : quote(v.toString()));
        }
        json.append("\n  },\n  \"runs\": [");
        for (int k = 0; k < runs.size(); k++) {
            Run r = runs.get(k);
            json.append(k > 0 ? "," : "").append(String.format(Locale.ROOT,
                    "\n    {\"tool\": %s, \"task\": %s, \"wall_s\": %.2f, \"user_s\": %.2f, \"sys_s\": %.2f, \"peak_rss_mb\": %.1f, \"exit\": %d, \"load_1min_at_start\": %s}",
                    quote(r.tool()), quote(r.task()), r.wallS(), r.userS(), r.sysS(), r.peakRssMb(), r.exit(), r.load()));
        }
        json.append("\n  ]\n}\n");
        Files.writeString(out.resolve("tokenizer-bench.json"), json);

        StringBuilder md = new StringBuilder("# Tokenizer benchmark (one run, tools side by side)\n\n");
        for (var e : facts.entrySet()) md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        md.append("\n| task | tool | wall s | user s | peak RSS MB | load (1 min) at start |\n|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.0f | %s |%n", r.task(), r.tool(), r.wallS(), r.userS(), r.peakRssMb(), r.load()));
        }
        md.append("\nRatios (SentencePiece ÷ winnow, same task, best run of each):\n\n");
        Map<String, Run> bestSpm = new LinkedHashMap<>(), bestOurs = new LinkedHashMap<>();
        for (Run r : runs) {
            Map<String, Run> m = r.tool().startsWith("winnow") ? bestOurs : bestSpm;
            String key = r.task() + "|" + (r.tool().startsWith("winnow") ? "" : r.tool());
            m.merge(key, r, (a, b) -> a.wallS() <= b.wallS() ? a : b);
        }
        for (var e : bestSpm.entrySet()) {
            String task = e.getKey().substring(0, e.getKey().indexOf('|'));
            Run ours = bestOurs.get(task + "|");
            if (ours == null) continue;
            Run s = e.getValue();
            md.append(String.format(Locale.ROOT, "- %s vs %s: wall %.1f×, user CPU %.1f×, peak RSS %.2f×%n", task, s.tool(),
                    s.wallS() / ours.wallS(), s.userS() / Math.max(0.01, ours.userS()), s.peakRssMb() / ours.peakRssMb()));
        }
        // runs alternate (reference, winnow, reference, winnow...): the ratio of each back-to-back pair as well
        md.append("\nPer repetition (the reference run and the winnow run right after it):\n\n");
        for (int k = 0; k + 1 < runs.size(); k++) {
            Run s = runs.get(k), ours = runs.get(k + 1);
            if (s.tool().startsWith("winnow") || !ours.tool().startsWith("winnow") || !s.task().equals(ours.task())) continue;
            md.append(String.format(Locale.ROOT, "- %s vs %s (load %s / %s): wall %.1f×, user CPU %.1f×, peak RSS %.2f×%n",
                    s.task(), s.tool(), s.load(), ours.load(), s.wallS() / ours.wallS(),
                    s.userS() / Math.max(0.01, ours.userS()), s.peakRssMb() / ours.peakRssMb()));
        }
        Files.writeString(out.resolve("tokenizer-bench.md"), md);
        System.out.println(md);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
