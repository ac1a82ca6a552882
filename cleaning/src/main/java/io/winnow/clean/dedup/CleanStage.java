package io.winnow.clean.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winnow.clean.text.TextNormalizer;
import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.engine.Engines;
import io.winnow.core.engine.JobRecipe;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.ShardScanner;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageJob;
import io.winnow.core.exec.StageLayout;
import io.winnow.core.exec.StageResult;
import io.winnow.core.shard.Compression;
import io.winnow.core.shard.ShardFiles;
import io.winnow.core.stage.ShardedStage;
import io.winnow.core.stage.Stage;
import io.winnow.core.stage.StageProvider;
import io.winnow.core.step.Pipeline;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepRegistry;
import io.winnow.core.util.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code winnow clean}: normalization, exact dedup, quality rules and span dedup, as four passes.
 * <ol>
 * <li>exact-dedup scan: every document's normalized text hash goes into the {@link ExactDedupIndex};
 * <li>rules: normalize, drop exact duplicates, apply the rule steps ({@code OUT/_winnow/phases/rules});
 * <li>span count: paragraph and sentence-span hashes of the survivors into a {@link SpanIndex};
 * <li>span dedup: remove repeated spans, write {@code OUT/kept}.
 * </ol>
 * Rejected documents of each pass land in {@code OUT/rejected/rules/} and
 * {@code OUT/rejected/span-dedup/}; {@code OUT/stats.json} lists every step in order. Each pass
 * resumes like any stage; the scans redo themselves from the start if they were interrupted.
 */
public final class CleanStage implements StageProvider {
    static final String DEFAULT_RULES = """
            - type: gopher_repetition
            - type: gopher_quality
            - type: c4_quality
              filter_no_terminal_punct: false
            - type: fineweb_quality
            - type: sentence_quality
            """;

    @Override
    public String name() { return "clean"; }

    @Override
    public String description() { return "normalize, exact dedup, quality rules, sentence filter, span dedup"; }

    @Override
    public Stage bind(Config config) {
        CleanSettings s = config.bind(CleanSettings.class);
        JsonNode rulesNode = s.rules;
        ObjectNode tree = config.tree().deepCopy();
        if (rulesNode == null) {
            try {
                rulesNode = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(DEFAULT_RULES);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            tree.set("rules", rulesNode);
        }
        List<StepRegistry.StepSpec<?>> rules = StepRegistry.load().bind(config, rulesNode, "rules");
        return new Bound(name(), s, rules, tree);
    }

    /**
     * Bound settings. The scans run on this machine (ShardScanner) and fill the Chronicle Map indexes;
     * the two writing passes are {@link StageJob}s on the run's engine: on Spark their tasks look the
     * indexes up through the driver's objects (same JVM) or by mapping the same files ({@link #job}).
     */
    record Bound(String name, CleanSettings s, List<StepRegistry.StepSpec<?>> rules, JsonNode settings) implements ShardedStage {
        static final String RULES = "rules";
        static final String SPAN_DEDUP = "span-dedup";

        @Override
        public String kind() { return "clean"; }

        @Override
        public Stage withName(String newName) {
            return new Bound(newName, s, rules, settings);
        }

        @Override
        public StageResult run(List<Path> inputs, Path out, RunOptions options) throws IOException, StageFailedException {
            long t0 = System.nanoTime();
            List<Path> shards = ShardFiles.list(inputs);
            if (options.overwrite()) {
                deleteTree(out);
                options = options.withOverwrite(false); // the passes below must not wipe each other
            }
            Path book = out.resolve("_winnow");
            Files.createDirectories(book);
            boolean span = s.spanDedup.enabled;

            ExactDedupIndex index = null;
            try {
                if (s.exactDedup.enabled) index = exactScan(shards, book, options);
                StageLayout rulesLayout = rulesLayout(out);
                StageResult rulesResult = Engines.run(rulesJob(shards, out, options, index),
                        JobRecipe.of(this, RULES, shards, out, options));
                if (!span) return rulesResult;

                List<Path> mid = shardsIn(rulesLayout.kept());
                Path spanDone = book.resolve("span-count.done");
                Path spanFile = spanFile(out);
                long expectedSpans = expectedSpans(mid);
                try (SpanIndex spans = Files.exists(spanDone) ? SpanIndex.open(spanFile, expectedSpans)
                        : SpanIndex.create(spanFile, expectedSpans)) {
                    if (!Files.exists(spanDone)) {
                        ShardScanner.scan(name + " span count", mid, options, (shard, ordinal, doc) -> {
                            long pos = SpanIndex.position(shard, ordinal);
                            for (long h : Spans.hashes(Spans.of(doc.text(), doc.lang(), s.spanDedup.paragraphs,
                                    s.spanDedup.sentences, s.spanDedup.sentenceSpan, s.spanDedup.minSpanChars))) {
                                spans.add(h, pos);
                            }
                        });
                        AtomicFiles.writeJson(spanDone, Map.of("spans", spans.size()));
                    }
                    StageResult last = Engines.run(spanJob(mid, out, options, spans), JobRecipe.of(this, SPAN_DEDUP, mid, out, options));
                    return mergeStats(out, rulesLayout, rulesResult, last, (System.nanoTime() - t0) / 1e9);
                }
            } finally {
                if (index != null) index.close();
            }
        }

        /**
         * A writing pass rebuilt in another JVM (a Spark executor) after the driver's scan: the scan's index
         * is mapped for lookups, and must hold as many entries as the scan recorded, or the executor does
         * not see the driver's file and the pass stops rather than keep duplicates.
         */
        @Override
        public StageJob job(String pass, List<Path> inputs, Path out, RunOptions options) throws IOException {
            Path book = out.resolve("_winnow");
            if (pass.equals(RULES)) {
                ExactDedupIndex index = null;
                if (s.exactDedup.enabled) {
                    index = ExactDedupIndex.openForLookups(exactDir(book), ShardFiles.batchKey(inputs), keep(), expectedEntries(inputs));
                    checkSize(book.resolve("exact-scan.done"), "index_entries", index.size(), exactDir(book));
                }
                return rulesJob(inputs, out, options, index);
            }
            if (pass.equals(SPAN_DEDUP)) {
                SpanIndex spans = SpanIndex.openForLookups(spanFile(out), expectedSpans(inputs));
                checkSize(book.resolve("span-count.done"), "spans", spans.size(), spanFile(out));
                return spanJob(inputs, out, options, spans);
            }
            throw new IllegalArgumentException("clean has no pass '" + pass + "'");
        }

        private static void checkSize(Path done, String field, long seen, Path file) throws IOException {
            long recorded = AtomicFiles.json().readTree(done.toFile()).path(field).asLong(-1);
            if (recorded != seen) {
                throw new IOException(file + " holds " + seen + " entries here but the driver's scan wrote " + recorded
                        + ": this machine does not see the driver's index (clean on Spark needs its executors on the"
                        + " driver's machine, or a filesystem whose memory-mapped files are coherent across machines)");
            }
        }

        private StageLayout rulesLayout(Path out) {
            return s.spanDedup.enabled
                    ? new StageLayout(out.resolve("_winnow/phases/rules")).withRejected(out.resolve("rejected/rules"))
                            .withBadRecords(out.resolve("bad-records"))
                    : new StageLayout(out);
        }

        /** Pass 2: normalize, drop exact duplicates (when {@code index} is given), apply the rule steps. */
        private StageJob rulesJob(List<Path> shards, Path out, RunOptions options, ExactDedupIndex index) {
            return new StageJob(name, shards, rulesLayout(out), () -> {
                List<Step> steps = new ArrayList<>();
                steps.add(new TextNormalizer("normalize", s.normalize));
                if (index != null) steps.add(new ExactDedupFilter("exact_dedup", index));
                for (StepRegistry.StepSpec<?> r : rules) steps.add(r.newStep());
                return new Pipeline(steps);
            }, settings, options);
        }

        /** Pass 4: remove repeated spans, write OUT/kept. */
        private StageJob spanJob(List<Path> mid, Path out, RunOptions options, SpanIndex spans) {
            StageLayout finalLayout = new StageLayout(out).withRejected(out.resolve("rejected/span-dedup"));
            return new StageJob(name, mid, finalLayout,
                    () -> new Pipeline(List.of(new SpanDedupStep("span_dedup", spans, s.spanDedup))), settings, options);
        }

        private static Path spanFile(Path out) {
            return out.resolve("_winnow/span-index/spans.dat");
        }

        private long expectedSpans(List<Path> mid) throws IOException {
            return Math.min(s.spanDedup.expectedSpans, Math.max(200_000, totalBytes(mid) / 8));
        }

        private Path exactDir(Path book) {
            return s.index != null ? Path.of(s.index) : book.resolve("exact-index");
        }

        private ExactDedupIndex.Keep keep() {
            return s.exactDedup.keep.equals("quality") ? ExactDedupIndex.Keep.QUALITY : ExactDedupIndex.Keep.FIRST;
        }

        /**
         * A private index is sized from the input (at most the configured size): a small run should not map
         * a file made for ten million documents. A shared --index keeps its size.
         */
        private long expectedEntries(List<Path> shards) throws IOException {
            return s.index != null ? s.exactDedup.expectedEntries
                    : Math.min(s.exactDedup.expectedEntries, Math.max(100_000, totalBytes(shards) / 32));
        }

        private ExactDedupIndex exactScan(List<Path> shards, Path book, RunOptions options) throws IOException, StageFailedException {
            ExactDedupIndex index = ExactDedupIndex.open(exactDir(book), ShardFiles.batchKey(shards), keep(), expectedEntries(shards));
            Path done = book.resolve("exact-scan.done");
            if (!Files.exists(done)) {
                TextNormalizer norm = new TextNormalizer("normalize", s.normalize);
                ShardScanner.scan(name + " exact-dedup scan", shards, options, (shard, ordinal, doc) ->
                        index.offer(TextHash.md5(norm.normalize(doc.text())), shard, ordinal, quality(doc), doc.id()));
                AtomicFiles.writeJson(done, Map.of("batch", index.batch(), "index_entries", index.size()));
            }
            return index;
        }
    }

    static long totalBytes(List<Path> files) throws IOException {
        long t = 0;
        for (Path p : files) t += Files.size(p);
        return t;
    }

    static double quality(Document d) {
        Number q = d.hasScores() ? d.scores().get("quality") : null;
        return q == null ? 0 : q.doubleValue();
    }


    static List<Path> shardsIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Compression.of(p) != null && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    /** One stats.json for the whole stage: every step in order, totals from first input to final output. */
    @SuppressWarnings("unchecked")
    static StageResult mergeStats(Path out, StageLayout rulesLayout, StageResult rules, StageResult last, double seconds)
            throws IOException {
        ObjectMapper json = AtomicFiles.json();
        Map<String, Object> a = json.readValue(rulesLayout.stats().toFile(), Map.class);
        Map<String, Object> b = json.readValue(out.resolve("stats.json").toFile(), Map.class);
        Map<String, Object> merged = new java.util.LinkedHashMap<>(a);
        List<Object> steps = new ArrayList<>((List<Object>) a.get("steps"));
        steps.addAll((List<Object>) b.get("steps"));
        merged.put("steps", steps);
        Map<String, Object> totals = new java.util.LinkedHashMap<>((Map<String, Object>) a.get("totals"));
        Map<String, Object> bt = (Map<String, Object>) b.get("totals");
        totals.put("docs_kept", bt.get("docs_kept"));
        totals.put("bytes_kept", bt.get("bytes_kept"));
        totals.put("docs_rejected", num(totals.get("docs_rejected")) + num(bt.get("docs_rejected")));
        totals.put("bytes_rejected", num(totals.get("bytes_rejected")) + num(bt.get("bytes_rejected")));
        merged.put("totals", totals);
        Map<String, Object> outputs = new java.util.LinkedHashMap<>((Map<String, Object>) b.get("outputs"));
        List<Object> rejected = new ArrayList<>();
        Path root = out.toAbsolutePath().normalize();
        for (Object f : (List<Object>) ((Map<String, Object>) a.get("outputs")).get("rejected")) {
            rejected.add(root.relativize(rulesLayout.root().toAbsolutePath().normalize().resolve((String) f).normalize()).toString());
        }
        rejected.addAll((List<Object>) outputs.get("rejected"));
        outputs.put("rejected", rejected);
        List<Object> bad = new ArrayList<>();
        for (Object f : (List<Object>) ((Map<String, Object>) a.get("outputs")).get("bad_records")) {
            bad.add(root.relativize(rulesLayout.root().toAbsolutePath().normalize().resolve((String) f).normalize()).toString());
        }
        outputs.put("bad_records", bad);
        merged.put("outputs", outputs);
        merged.put("wall_seconds", seconds);
        merged.put("passes", Map.of("rules", Map.of("stats", root.relativize(rulesLayout.stats().toAbsolutePath().normalize()).toString(),
                "docs_out", rules.docsKept()), "span_dedup", Map.of("docs_in", last.docsIn(), "docs_out", last.docsKept())));
        AtomicFiles.writeJson(out.resolve("stats.json"), merged);
        return new StageResult(out, rules.shards(), rules.resumedShards(), rules.docsIn(), last.docsKept(),
                rules.docsRejected() + last.docsRejected(), rules.badRecords(), seconds);
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }

    static String read(Path shard) throws IOException {
        try (InputStream in = Compression.of(shard).decode(Files.newInputStream(shard))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
