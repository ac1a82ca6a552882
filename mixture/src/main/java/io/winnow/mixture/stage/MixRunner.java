package io.winnow.mixture.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageLayout;
import io.winnow.core.exec.StageResult;
import io.winnow.core.shard.ShardFiles;
import io.winnow.core.util.AtomicFiles;
import io.winnow.mixture.config.MixtureConfig;
import io.winnow.mixture.config.ShardGlobs;
import io.winnow.mixture.config.SourceSpec;
import io.winnow.mixture.count.CountPass;
import io.winnow.mixture.count.ShardInput;
import io.winnow.mixture.count.SourceTally;
import io.winnow.mixture.count.TokenCache;
import io.winnow.mixture.manifest.FileDigest;
import io.winnow.mixture.manifest.Manifest;
import io.winnow.mixture.megatron.MegatronIndexedReader;
import io.winnow.mixture.sample.MixturePlan;
import io.winnow.mixture.sample.SamplePass;
import io.winnow.mixture.sample.SampleTally;
import io.winnow.mixture.sample.ShuffleMerge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs a mix end to end: count (pass 1), plan, sample (pass 2), shuffle-merge into Megatron files,
 * manifest. Output:
 * <pre>
 * OUT/train/part-00000.bin|.idx ...   Megatron-LM indexed datasets (one document per sequence, EOD appended)
 * OUT/valid/part-00000.bin|.idx ...   the validation split, same format
 * OUT/manifest.json                   config and tokenizer hashes, per-source targets and achieved shares, files + sha256
 * OUT/stats.json                      times, throughput, workers (the part of a run that is not reproducible)
 * OUT/bad-records/                    unreadable input records, one file per input shard that had any
 * OUT/_winnow/                        bookkeeping for resume; token-cache/ unless cache_dir is set
 * </pre>
 * Resumes after a crash: counted and sampled shards are kept; the merge, which only copies, starts over.
 */
public final class MixRunner {
    private static final ObjectMapper JSON = AtomicFiles.json();

    private final MixtureConfig cfg;
    private final Config raw;
    private final Consumer<String> log;

    public MixRunner(MixtureConfig cfg, Config raw, Consumer<String> log) {
        this.cfg = cfg;
        this.raw = raw;
        this.log = log;
    }

    /**
     * Runs the mix into {@code out}. {@code stageInputs} are the shards a source without {@code paths} reads
     * (a pipeline's previous stage); null when run from {@code winnow mix}.
     */
    public StageResult run(List<Path> stageInputs, Path out, RunOptions options) throws IOException, StageFailedException {
        long t0 = System.nanoTime();
        MixTokenizer tok = MixTokenizer.load(cfg, raw, stageInputs);
        List<ShardInput> shards = shards(stageInputs);
        long seed = cfg.seed != null ? cfg.seed : options.seed();
        StageLayout layout = new StageLayout(out);
        Map<String, Object> identity = identity(tok, shards, seed);
        String fingerprint = FileDigest.sha256(JSON.writeValueAsBytes(identity));
        if (prepare(out, layout, identity, fingerprint, options.overwrite())) {
            log.accept("mix: " + out.resolve(Manifest.FILE) + " is complete for this config and input; nothing to do");
            return resultOf(out);
        }
        log.accept(String.format(Locale.ROOT, "mix '%s': %d sources, %d shards, tokenizer %s (%,d pieces, %s), seed %d, %d workers",
                cfg.name, cfg.sources.size(), shards.size(), tok.path(), tok.model().size(), tok.dtype().numpyName(), seed, options.workers()));

        // pass 1: count
        Path cacheDir = cfg.cacheDir != null ? Path.of(cfg.cacheDir) : layout.bookkeeping().resolve("token-cache");
        TokenCache cache = new TokenCache(cacheDir, tok.sha256(), tok.dtype());
        long c0 = System.nanoTime();
        List<CountPass.ShardCount> counts = new CountPass(cfg, tok.encoder(), cache, cfg.appendEod, layout, options).run(shards);
        double countSeconds = (System.nanoTime() - c0) / 1e9;
        List<SourceTally> totals = new ArrayList<>();
        for (int i = 0; i < cfg.sources.size(); i++) totals.add(new SourceTally());
        Map<String, Long> dropped = new TreeMap<>();
        long docsIn = 0, bad = 0, textBytes = 0, inputBytes = 0;
        int tokenized = 0, resumed = 0;
        for (CountPass.ShardCount c : counts) {
            for (int i = 0; i < totals.size(); i++) totals.get(i).addAll(c.sources().get(i));
            c.dropped().forEach((k, v) -> dropped.merge(k, v, Long::sum));
            docsIn += c.docsRead();
            bad += c.badRecords();
            if (c.resumed()) {
                resumed++;
                continue;
            }
            // this run's work only (a resumed shard was counted by an earlier run)
            textBytes += c.textBytes();
            inputBytes += Files.size(shards.get(c.shard()).path());
            if (c.tokenized()) tokenized++;
        }

        // plan
        MixturePlan plan;
        try {
            plan = MixturePlan.compute(cfg, totals);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(raw.sourceFor("sources"), "sources", e.getMessage());
        }
        AtomicFiles.writeJson(layout.bookkeeping().resolve("plan.json"), plan.toMap());

        // pass 2: sample
        long s0 = System.nanoTime();
        List<SampleTally> sampled = new SamplePass(cfg, plan, seed, layout).run(shards.size());
        double sampleSeconds = (System.nanoTime() - s0) / 1e9;
        long entries = 0;
        for (SampleTally t : sampled) entries += t.train.docs + t.valid.docs;

        // shuffle-merge into Megatron files, published when complete
        long m0 = System.nanoTime();
        Path staging = layout.bookkeeping().resolve("staging");
        deleteTree(staging);
        ShuffleMerge.Result written = ShuffleMerge.run(layout, shards.size(), shard -> {
            MegatronIndexedReader r = cache.open(shards.get(shard).path());
            if (r == null) throw new IOException("token cache entry of " + shards.get(shard).path() + " disappeared from " + cacheDir);
            return r;
        }, tok.dtype(), tok.eodId(), cfg.appendEod, staging.resolve("train"), staging.resolve("valid"), cfg.maxShardBytes(),
                entries, options.progress());
        for (String split : List.of("train", "valid")) {
            deleteTree(out.resolve(split));
            Files.move(staging.resolve(split), out.resolve(split), StandardCopyOption.ATOMIC_MOVE);
        }
        double mergeSeconds = (System.nanoTime() - m0) / 1e9;

        Map<String, Object> manifest = manifest(tok, shards, counts, seed, totals, dropped, plan, sampled, written, out);
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("stage", "mix");
        stats.put("status", "complete");
        stats.put("workers", options.workers());
        stats.put("wall_seconds", wall);
        Map<String, Object> passes = new LinkedHashMap<>();
        Map<String, Object> count = new LinkedHashMap<>();
        count.put("seconds", countSeconds);
        count.put("shards_resumed", resumed);
        count.put("shards_tokenized", tokenized);
        count.put("shards_from_cache", shards.size() - resumed - tokenized);
        count.put("input_bytes", inputBytes);
        count.put("text_bytes", textBytes);
        count.put("text_mb_per_s", countSeconds > 0 ? textBytes / 1e6 / countSeconds : 0);
        passes.put("count", count);
        passes.put("sample", new LinkedHashMap<>(Map.of("seconds", sampleSeconds, "entries", entries)));
        passes.put("write", new LinkedHashMap<>(Map.of("seconds", mergeSeconds)));
        stats.put("passes", passes);
        stats.put("docs_in", docsIn);
        stats.put("bad_records", bad);
        AtomicFiles.writeJson(layout.stats(), stats);
        AtomicFiles.writeJson(out.resolve(Manifest.FILE), manifest);
        deleteTree(staging);
        // per-document tables and runs (26 + 24 bytes a document) only serve a resume; the mix is complete
        deleteTree(layout.bookkeeping().resolve("sample"));
        deleteTree(layout.bookkeeping().resolve("count"));
        report(manifest);
        StageResult r = resultOf(out);
        return new StageResult(r.output(), r.shards(), resumed, r.docsIn(), r.docsKept(), r.docsRejected(), r.badRecords(), r.seconds());
    }

    // ------------------------------------------------------------------ inputs

    private List<ShardInput> shards(List<Path> stageInputs) throws IOException {
        Map<String, List<Integer>> sourcesOf = new TreeMap<>();
        for (int i = 0; i < cfg.sources.size(); i++) {
            SourceSpec s = cfg.sources.get(i);
            List<Path> files = new ArrayList<>();
            if (s.paths == null) {
                if (stageInputs == null) {
                    throw new ConfigException(raw.sourceFor("sources[" + i + "].paths"), "sources[" + i + "].paths",
                            "give the source's shards (files, directories or globs), or pass --input to winnow mix");
                }
                files.addAll(ShardFiles.list(stageInputs));
            } else {
                for (int j = 0; j < s.paths.size(); j++) {
                    String key = "sources[" + i + "].paths[" + j + "]";
                    try {
                        files.addAll(ShardGlobs.expand(s.paths.get(j)));
                    } catch (IOException e) {
                        throw new ConfigException(raw.sourceFor(key), key, e.getMessage());
                    }
                }
            }
            for (Path f : files) {
                List<Integer> l = sourcesOf.computeIfAbsent(f.normalize().toString(), k -> new ArrayList<>());
                if (!l.contains(i)) l.add(i);
            }
        }
        List<ShardInput> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : sourcesOf.entrySet()) {
            out.add(new ShardInput(out.size(), Path.of(e.getKey()), e.getValue().stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }

    private Map<String, Object> identity(MixTokenizer tok, List<ShardInput> shards, long seed) throws IOException {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("stage", "mix");
        id.put("config", JSON.readTree(cfg.canonicalJson()));
        id.put("tokenizer_sha256", tok.sha256());
        id.put("seed", seed);
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (ShardInput s : shards) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", s.path().toString());
            m.put("bytes", Files.size(s.path()));
            m.put("modified_ms", Files.getLastModifiedTime(s.path()).toMillis());
            inputs.add(m);
        }
        id.put("inputs", inputs);
        return id;
    }

    /** Checks or creates the output; true when a finished mix of the same run is already there. */
    private boolean prepare(Path out, StageLayout layout, Map<String, Object> identity, String fingerprint, boolean overwrite)
            throws IOException {
        Path runFile = layout.runFile();
        if (overwrite) {
            for (Path p : List.of(out.resolve("train"), out.resolve("valid"), out.resolve(Manifest.FILE), layout.stats(),
                    layout.badRecords())) {
                deleteTree(p);
            }
            if (Files.isDirectory(layout.bookkeeping())) {
                try (Stream<Path> s = Files.list(layout.bookkeeping())) {
                    for (Path p : s.toList()) if (!p.getFileName().toString().equals("token-cache")) deleteTree(p);
                }
            }
        } else if (Files.exists(runFile)) {
            JsonNode prev = JSON.readTree(runFile.toFile());
            if (!fingerprint.equals(prev.path("fingerprint").asText())) {
                throw new IOException(out + " holds a mix of another config or other inputs; use another output or pass --overwrite");
            }
            if (Files.exists(out.resolve(Manifest.FILE))) return true;
        } else if (Files.exists(out.resolve(Manifest.FILE)) || Files.exists(out.resolve("train"))) {
            throw new IOException(out + " already holds a mix not made by this run; use another output or pass --overwrite");
        }
        Files.createDirectories(layout.bookkeeping());
        if (!Files.exists(runFile)) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("stage", "mix");
            run.put("fingerprint", fingerprint);
            run.put("identity", identity);
            AtomicFiles.writeJson(runFile, run);
        }
        return false;
    }

    // ------------------------------------------------------------------ manifest and report

    private Map<String, Object> manifest(MixTokenizer tok, List<ShardInput> shards, List<CountPass.ShardCount> counts, long seed,
                                         List<SourceTally> totals, Map<String, Long> dropped, MixturePlan plan,
                                         List<SampleTally> sampled, ShuffleMerge.Result written, Path out) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", Manifest.FORMAT);
        m.put("name", cfg.name);
        byte[] canonical = cfg.canonicalJson();
        m.put("config_sha256", FileDigest.sha256(canonical));
        m.put("config", JSON.readTree(canonical));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("path", tok.path().toString());
        t.put("sha256", tok.sha256());
        t.put("vocab_size", tok.model().size());
        t.put("dtype", tok.dtype().numpyName());
        t.put("dtype_code", tok.dtype().code());
        t.put("append_eod", cfg.appendEod);
        t.put("eod_id", tok.eodId());
        t.put("eod_piece", tok.eodPiece());
        m.put("tokenizer", t);
        m.put("seed", seed);
        m.put("sampling", "balanced (pivotal method on token counts), validation held out per length class, "
                + (cfg.shuffle ? "documents shuffled by seeded hash" : "input order"));
        m.put("target_total_tokens", Math.round(plan.totalTargetTokens()));

        long achievedTotal = 0;
        for (SampleTally s : sampled) achievedTotal += s.tokens();
        List<Map<String, Object>> sources = new ArrayList<>();
        for (int i = 0; i < cfg.sources.size(); i++) {
            MixturePlan.SourcePlan p = plan.sources().get(i);
            SampleTally s = sampled.get(i);
            SourceTally c = totals.get(i);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", p.name());
            e.put("mode", p.mode());
            e.put("weights", cfg.sources.get(i).weight().toString());
            Map<String, Object> avail = new LinkedHashMap<>();
            avail.put("documents", c.docs);
            avail.put("tokens", c.tokens);
            avail.put("bytes", c.bytes);
            avail.put("empty_documents", c.emptyDocs);
            avail.put("zero_weight_documents", c.zeroWeightDocs);
            avail.put("filtered", c.filtered);
            e.put("available", avail);
            e.put("target_share", p.targetShare());
            e.put("target_tokens", Math.round(p.targetTokens()));
            e.put("epochs", p.epochs());
            // a document of weight w is due min(max_epochs, scale x w) copies (validation documents: at most one)
            e.put("scale", p.scale());
            e.put("expected_tokens", Math.round(s.expectedTokens));
            e.put("capped_documents", s.cappedDocs);
            e.put("train", s.train.toMap());
            e.put("valid", s.valid.toMap());
            e.put("achieved_tokens", s.tokens());
            double share = achievedTotal == 0 ? 0 : (double) s.tokens() / achievedTotal;
            e.put("achieved_share", share);
            e.put("share_error", share - p.targetShare());
            e.put("within_tolerance", Math.abs(share - p.targetShare()) <= cfg.tolerance);
            sources.add(e);
        }
        m.put("sources", sources);
        m.put("dropped", dropped);

        Map<String, Object> splits = new LinkedHashMap<>();
        splits.put("train", split(written.train(), out));
        splits.put("valid", split(written.valid(), out));
        m.put("splits", splits);
        m.put("achieved_total_tokens", achievedTotal);

        List<Map<String, Object>> inputs = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("path", shards.get(i).path().toString());
            in.put("bytes", Files.size(shards.get(i).path()));
            in.put("documents", counts.get(i).docsRead());
            in.put("bad_records", counts.get(i).badRecords());
            List<String> names = new ArrayList<>();
            for (int s : shards.get(i).sources()) names.add(cfg.sources.get(s).name);
            in.put("sources", names);
            inputs.add(in);
        }
        m.put("inputs", inputs);
        return m;
    }

    private static Map<String, Object> split(ShuffleMerge.Split s, Path out) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> datasets = new ArrayList<>();
        List<Map<String, Object>> files = new ArrayList<>();
        StringBuilder dataPath = new StringBuilder();
        long tokens = 0, docs = 0;
        for (int i = 0; i < s.prefixes().size(); i++) {
            Path staged = s.prefixes().get(i);
            // staged under _winnow/staging/<split>/; published as <split>/<name>
            String rel = staged.getParent().getFileName() + "/" + staged.getFileName();
            Path prefix = out.resolve(rel);
            long docCount;
            try (MegatronIndexedReader r = MegatronIndexedReader.open(prefix)) {
                docCount = r.documentCount();
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("prefix", rel);
            d.put("tokens", s.tokens().get(i));
            d.put("documents", docCount);
            datasets.add(d);
            tokens += s.tokens().get(i);
            docs += docCount;
            if (dataPath.length() > 0) dataPath.append(' ');
            dataPath.append(s.tokens().get(i)).append(' ').append(rel);
            for (String ext : List.of(".bin", ".idx")) {
                Path f = Path.of(prefix + ext);
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("path", rel + ext);
                fm.put("bytes", Files.size(f));
                fm.put("sha256", FileDigest.sha256(f));
                files.add(fm);
            }
        }
        m.put("documents", docs);
        m.put("tokens", tokens);
        m.put("datasets", datasets);
        m.put("files", files);
        // Megatron-LM's --data-path: weights proportional to tokens reproduce this mix's proportions
        m.put("megatron_data_path", dataPath.toString());
        return m;
    }

    @SuppressWarnings("unchecked")
    private void report(Map<String, Object> manifest) {
        log.accept(String.format(Locale.ROOT, "%-16s %8s %9s %14s %14s %10s %7s", "source", "target", "achieved", "tokens", "target tok", "documents", "epochs"));
        for (Map<String, Object> s : (List<Map<String, Object>>) manifest.get("sources")) {
            Map<String, Object> train = (Map<String, Object>) s.get("train");
            Map<String, Object> valid = (Map<String, Object>) s.get("valid");
            long docs = ((Number) train.get("documents")).longValue() + ((Number) valid.get("documents")).longValue();
            log.accept(String.format(Locale.ROOT, "%-16s %7.2f%% %8.2f%% %,14d %,14d %,10d %7.2f%s", s.get("name"),
                    100 * (double) s.get("target_share"), 100 * (double) s.get("achieved_share"),
                    ((Number) s.get("achieved_tokens")).longValue(), ((Number) s.get("target_tokens")).longValue(), docs,
                    (double) s.get("epochs"), (Boolean) s.get("within_tolerance") ? "" : "  <- outside tolerance " + cfg.tolerance));
        }
        Map<String, Object> splits = (Map<String, Object>) manifest.get("splits");
        for (String split : List.of("train", "valid")) {
            Map<String, Object> sp = (Map<String, Object>) splits.get(split);
            log.accept(String.format(Locale.ROOT, "%s: %,d documents, %,d tokens in %d file(s)", split,
                    ((Number) sp.get("documents")).longValue(), ((Number) sp.get("tokens")).longValue(),
                    ((List<?>) sp.get("datasets")).size()));
        }
    }

    private static StageResult resultOf(Path out) throws IOException {
        JsonNode m = JSON.readTree(out.resolve(Manifest.FILE).toFile());
        JsonNode st = Files.exists(out.resolve("stats.json")) ? JSON.readTree(out.resolve("stats.json").toFile()) : JSON.createObjectNode();
        long docsIn = 0, bad = 0;
        for (JsonNode in : m.path("inputs")) {
            docsIn += in.path("documents").asLong();
            bad += in.path("bad_records").asLong();
        }
        long kept = 0;
        for (JsonNode s : m.path("sources")) kept += s.path("train").path("unique_documents").asLong() + s.path("valid").path("unique_documents").asLong();
        return new StageResult(out, m.path("inputs").size(), 0, docsIn, kept, docsIn - kept, bad, st.path("wall_seconds").asDouble());
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }
}
