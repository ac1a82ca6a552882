package io.winnow.bench.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.util.stream.Stream;

/**
 * Training throughput of {@code winnow train} on the CPU: the tiny and small presets, fp32 with 1 and 2 PyTorch
 * threads and fp16 (the CUDA path) with 1, each as its own process under {@code /usr/bin/time -v}, on a mixture
 * made from the project's sample data (Debian fortunes, 4,000-piece tokenizer). Tokens/s is the median of the
 * per-step rates after 5 warm-up steps. Side by side in the same run, when a Python with torch is given
 * ({@code --torch-python}), the same model and optimizer written in plain PyTorch eager (the reference for what the
 * JNI bridge costs), on the same token file.
 * <pre>
 *   mvn -q -DskipTests package -pl cli,bench -am
 *   java -cp bench/target/benchmarks.jar io.winnow.bench.train.TrainBench [--out bench/results] [--work DIR]
 *        [--torch-python PYTHON] [--steps-tiny 60] [--steps-small 20]
 * </pre>
 * Results: {@code train-bench.json} and {@code train-bench.md}.
 */
public final class TrainBench {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** {@code passive}: OMP_WAIT_POLICY=PASSIVE (what bin/winnow sets); otherwise OpenMP's default spinning. */
    record Case(String preset, String precision, int threads, boolean passive) {}

    record Result(String tool, Case c, int steps, double tokensPerSecond, double wallSeconds, double peakRssMb, int exit) {}

    public static void main(String[] args) throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        while (repo != null && !Files.exists(repo.resolve("scripts/fetch-sample-data.sh"))) repo = repo.getParent();
        if (repo == null) throw new IllegalStateException("run from inside the Winnow repository");
        Path out = repo.resolve("bench/results");
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "winnow-train-bench");
        String torchPython = null;
        int stepsTiny = 60, stepsSmall = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--torch-python" -> torchPython = args[++i];
                case "--steps-tiny" -> stepsTiny = Integer.parseInt(args[++i]);
                case "--steps-small" -> stepsSmall = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path jar;
        try (Stream<Path> s = Files.list(repo.resolve("cli/target"))) {
            jar = s.filter(p -> p.getFileName().toString().endsWith("-all.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build the CLI first: mvn -q -DskipTests package -pl cli -am"));
        }
        Files.createDirectories(work);
        Files.createDirectories(out);
        Path mix = prepareMix(repo, jar, work);

        List<Case> cases = new ArrayList<>();
        for (String preset : List.of("tiny", "small")) {
            cases.add(new Case(preset, "fp32", 1, true));
            cases.add(new Case(preset, "fp32", 2, true));
            cases.add(new Case(preset, "fp32", 2, false));
            cases.add(new Case(preset, "fp16", 1, true));
        }
        List<Result> results = new ArrayList<>();
        for (Case c : cases) {
            int steps = c.preset().equals("tiny") ? stepsTiny : stepsSmall;
            results.add(winnow(repo, jar, work, mix, c, steps));
            System.out.println(results.get(results.size() - 1));
            if (torchPython != null && c.precision().equals("fp32")) {
                results.add(torch(torchPython, work, mix, c, steps));
                System.out.println(results.get(results.size() - 1));
            }
        }
        write(out, results, torchPython, work);
    }

    private static Path prepareMix(Path repo, Path jar, Path work) throws Exception {
        Path mix = work.resolve("mix");
        if (Files.exists(mix.resolve("manifest.json"))) return mix;
        run(List.of("bash", repo.resolve("scripts/fetch-sample-data.sh").toString()), repo, null);
        Path sample = repo.resolve("data/sample");
        Path tok = work.resolve("fortunes4k");
        run(winnowCmd(jar, List.of("tokenizer", "train", "--input", sample.resolve("fortunes-en") + "," + sample.resolve("fortunes-zh"),
                "--model_prefix", tok.toString(), "--vocab_size", "4000", "--character_coverage", "0.995", "--byte_fallback",
                "--split_digits", "--quiet")), repo, null);
        Path yaml = work.resolve("mix.yaml");
        Files.writeString(yaml, """
                name: train-bench
                tokenizer: %s.model
                seed: 42
                validation_share: 0.02
                sources:
                  - {name: en, paths: ["%s"], share: 0.6}
                  - {name: zh, paths: ["%s"], share: 0.4}
                """.formatted(tok, sample.resolve("fortunes-en"), sample.resolve("fortunes-zh")));
        run(winnowCmd(jar, List.of("mix", yaml.toString(), "--output", mix.toString(), "--progress", "off")), repo, null);
        return mix;
    }

    private static Result winnow(Path repo, Path jar, Path work, Path mix, Case c, int steps) throws Exception {
        Path runDir = work.resolve("winnow-" + c.preset() + "-" + c.precision() + "-t" + c.threads() + (c.passive() ? "-passive" : "-spin"));
        List<String> cmd = winnowCmd(jar, List.of("train", repo.resolve("configs/train/tiny.yaml").toString(), "--output", runDir.toString(),
                "--set", "preset=" + c.preset(), "--set", "data.mixture=" + mix, "--set", "train.steps=" + steps,
                "--set", "train.eval_interval=0", "--set", "train.eval_batches=1", "--set", "checkpoint.interval=0",
                "--set", "precision=" + c.precision(), "--set", "threads=" + c.threads(), "--set", "train.warmup_steps=5",
                "--set", "train.log_interval=10"));
        Map<String, String> t = timed(cmd, repo, work, c.passive());
        List<Double> rates = new ArrayList<>();
        Path metrics = runDir.resolve("metrics.jsonl");
        if (Files.exists(metrics)) {
            for (String line : Files.readAllLines(metrics)) {
                JsonNode n = JSON.readTree(line);
                if (n.has("tokens_per_s") && n.get("step").asLong() > 5) rates.add(n.get("tokens_per_s").asDouble());
            }
        }
        return new Result("winnow train (DJL " + "0.36.0, libtorch 2.7.1)", c, steps, median(rates), wall(t), rss(t), exit(t));
    }

    private static Result torch(String python, Path work, Path mix, Case c, int steps) throws Exception {
        Path script = work.resolve("torch_reference.py");
        Files.writeString(script, TORCH_REFERENCE);
        JsonNode manifest = JSON.readTree(mix.resolve("manifest.json").toFile());
        String bin = mix.resolve(manifest.path("splits").path("train").path("datasets").get(0).path("prefix").asText()) + ".bin";
        Map<String, String> sizes = Map.of("tiny", "64 2 4 176 64", "small", "256 4 4 704 256");
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), bin, manifest.path("tokenizer").path("dtype").asText(),
                Integer.toString(manifest.path("tokenizer").path("vocab_size").asInt())));
        cmd.addAll(List.of(sizes.get(c.preset()).split(" ")));
        cmd.addAll(List.of("8", Integer.toString(steps), Integer.toString(c.threads())));
        Map<String, String> t = timed(cmd, work, work, c.passive());
        String stdout = Files.readString(work.resolve("last-stdout.txt"));
        double rate = 0;
        String version = "?";
        for (String line : stdout.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode n = JSON.readTree(line);
                rate = n.path("tokens_per_s").asDouble();
                version = n.path("torch").asText();
            }
        }
        return new Result("PyTorch " + version + " eager (Python)", c, steps, rate, wall(t), rss(t), exit(t));
    }

    private static List<String> winnowCmd(Path jar, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-Dai.djl.offline=true", "-XX:+UseParallelGC", "-jar", jar.toString()));
        cmd.addAll(args);
        return cmd;
    }

    private static Map<String, String> timed(List<String> cmd, Path dir, Path work, boolean passive) throws Exception {
        Path timeLog = work.resolve("time.log");
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", timeLog.toString()));
        full.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("last-stdout.txt").toFile());
        if (passive) pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        else pb.environment().remove("OMP_WAIT_POLICY");
        Process p = pb.start();
        int exit = p.waitFor();
        Map<String, String> t = new LinkedHashMap<>();
        for (String line : Files.readAllLines(timeLog)) {
            int k = line.lastIndexOf(": ");
            if (k > 0) t.put(line.substring(0, k).trim(), line.substring(k + 2).trim());
        }
        t.put("exit", Integer.toString(exit));
        if (exit != 0) System.err.println(String.join(" ", cmd) + " exited with " + exit + ":\n" + Files.readString(work.resolve("last-stdout.txt")));
        return t;
    }

    private static void run(List<String> cmd, Path dir, Path log) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed");
    }

    private static double wall(Map<String, String> t) {
        String[] parts = t.getOrDefault("Elapsed (wall clock) time (h:mm:ss or m:ss)", "0:0").split(":");
        double s = 0;
        for (String p : parts) s = s * 60 + Double.parseDouble(p);
        return s;
    }

    private static double rss(Map<String, String> t) {
        return Long.parseLong(t.getOrDefault("Maximum resident set size (kbytes)", "0")) / 1024.0;
    }

    private static int exit(Map<String, String> t) {
        return Integer.parseInt(t.getOrDefault("exit", "0"));
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) return 0;
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static void write(Path out, List<Result> results, String torchPython, Path work) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", LocalDate.now().toString());
        json.put("java", System.getProperty("java.version"));
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("results", results);
        JSON.writeValue(out.resolve("train-bench.json").toFile(), json);
        StringBuilder md = new StringBuilder();
        md.append("# winnow train throughput on the CPU\n\n");
        md.append(String.format(Locale.ROOT, "%s, Java %s, %d cores (shared, noisy machine: compare ratios within one run).%n",
                LocalDate.now(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        md.append("Data: a `winnow mix` of the sample text (Debian fortunes, 60 % English / 40 % Chinese tokens), 4,000-piece tokenizer; ");
        md.append("micro batch 8. tiny: 2 layers, width 64, sequence 64 (0.61M parameters); small: 4 layers, width 256, sequence 256 (5.2M).\n");
        md.append("Tokens/s: median per-step rate after 5 warm-up steps (forward, backward, clipping, AdamW). Wall and peak RSS: the whole process.\n\n");
        md.append("OMP wait: `passive` is OMP_WAIT_POLICY=PASSIVE (bin/winnow sets it), `spin` OpenMP's default.\n\n");
        md.append("| tool | preset | precision | threads | OMP wait | steps | tokens/s | wall s | peak RSS MB |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %d | %,.0f | %.1f | %.0f |%n", r.tool(), r.c().preset(),
                    r.c().precision(), r.c().threads(), r.c().passive() ? "passive" : "spin", r.steps(), r.tokensPerSecond(), r.wallSeconds(),
                    r.peakRssMb()));
        }
        if (torchPython == null) md.append("\nNo PyTorch reference in this run (give --torch-python).\n");
        Files.writeString(out.resolve("train-bench.md"), md.toString(), StandardCharsets.UTF_8);
    }

    /** The same decoder, loss and optimizer in plain PyTorch, for a side-by-side rate on the same token file. */
    static final String TORCH_REFERENCE = """
            import json, math, sys, time
            import numpy as np, torch, torch.nn as nn, torch.nn.functional as F
            path, dtype, V, d, L, H, f, T, B, steps, threads = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:])
            torch.set_num_threads(threads); torch.set_num_interop_threads(1); torch.manual_seed(42)
            data = np.memmap(path, dtype=np.dtype(dtype), mode="r")
            class RMSNorm(nn.Module):
                def __init__(s): super().__init__(); s.g = nn.Parameter(torch.ones(d))
                def forward(s, x): return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * s.g
            pos = torch.arange(T)[:, None] * (10000.0 ** (-2 * torch.arange(d // H // 2) / (d // H)))[None, :]
            cos, sin = pos.cos(), pos.sin()
            def rope(x):
                x1, x2 = x.chunk(2, -1)
                return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], -1)
            mask = torch.full((T, T), float("-inf")).triu(1)
            class Layer(nn.Module):
                def __init__(s):
                    super().__init__(); s.n1, s.n2 = RMSNorm(), RMSNorm()
                    s.qkv, s.o = nn.Linear(d, 3 * d, bias=False), nn.Linear(d, d, bias=False)
                    s.gate, s.up, s.down = nn.Linear(d, f, bias=False), nn.Linear(d, f, bias=False), nn.Linear(f, d, bias=False)
                def forward(s, x):
                    q, k, v = s.qkv(s.n1(x)).view(B, T, 3, H, d // H).permute(2, 0, 3, 1, 4)
                    a = ((rope(q) @ rope(k).transpose(-1, -2)) / math.sqrt(d // H) + mask).softmax(-1) @ v
                    x = x + s.o(a.transpose(1, 2).reshape(B, T, d))
                    h = s.n2(x)
                    return x + s.down(F.silu(s.gate(h)) * s.up(h))
            class Model(nn.Module):
                def __init__(s):
                    super().__init__(); s.emb = nn.Embedding(V, d); s.layers = nn.ModuleList(Layer() for _ in range(L))
                    s.norm = RMSNorm(); s.head = nn.Parameter(torch.randn(V, d) * 0.02)
                def forward(s, ids):
                    x = s.emb(ids)
                    for l in s.layers: x = l(x)
                    return s.norm(x) @ F.normalize(s.head, dim=1).t()
            m = Model()
            for p in m.parameters():
                if p.dim() >= 2: nn.init.normal_(p, 0, 0.02)
            decay = [p for p in m.parameters() if p.dim() >= 2]; rest = [p for p in m.parameters() if p.dim() < 2]
            opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": rest, "weight_decay": 0.0}], lr=1e-3, betas=(0.9, 0.95))
            n = (len(data) - 1) // T
            order = np.random.default_rng(42).permutation(n)
            rates = []
            for step in range(steps):
                t0 = time.perf_counter()
                idx = order[step * B:(step + 1) * B]
                rows = torch.from_numpy(np.stack([np.asarray(data[i * T:i * T + T + 1], dtype=np.int64) for i in idx]))
                logits = m(rows[:, :-1])
                ce = F.cross_entropy(logits.reshape(-1, V), rows[:, 1:].reshape(-1))
                loss = ce + 2e-4 * logits.max(-1).values.pow(2).mean()
                opt.zero_grad(set_to_none=True); loss.backward()
                torch.nn.utils.clip_grad_norm_(m.parameters(), 0.5); opt.step()
                ce.item()
                if step >= 5: rates.append(B * T / (time.perf_counter() - t0))
            print(json.dumps({"torch": torch.__version__, "tokens_per_s": float(np.median(rates)), "last_loss": float(ce)}))
            """;
}
