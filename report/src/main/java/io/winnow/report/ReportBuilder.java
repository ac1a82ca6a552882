package io.winnow.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Turns a run's stats.json files (and the shards they describe) into {@code index.html} — one
 * self-contained page, charts embedded — plus the chart PNGs and {@code report.json}. Sections
 * appear only when their data exists.
 */
public final class ReportBuilder {
    private final List<Path> runDirs;
    private final Path out;
    private final int maxDocs;
    /** The model given with --tokenizer; null: the run's own (a tokenizer stage's, else the mix's). */
    private final Path tokenizerOption;
    /** The tokenizer lengths and token counts are measured with; null when the run has none. */
    private io.winnow.tokenizer.encode.BpeEncoder lengthEncoder;
    private Path lengthModel;
    /** The run starts from raw files: "before" is the first stage's own output, not a separate input. */
    private boolean rawInput;
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final Html html = new Html();
    private final List<String> sections = new ArrayList<>();

    public ReportBuilder(List<Path> runDirs, Path out, int maxDocs) {
        this(runDirs, out, maxDocs, null);
    }

    /** {@code tokenizer}: the SentencePiece model token counts use; null for the run's own, if it has one. */
    public ReportBuilder(List<Path> runDirs, Path out, int maxDocs, Path tokenizer) {
        this.runDirs = runDirs;
        this.out = out;
        this.maxDocs = maxDocs;
        this.tokenizerOption = tokenizer;
    }

    /** Writes the report; returns the path of index.html. */
    public Path build() throws IOException {
        List<RunDirs.StageDir> all = RunDirs.stages(runDirs);
        // document stages (kept/rejected + totals); others (mix, train) have their own sections
        List<RunDirs.StageDir> stages = all.stream().filter(st -> st.stats().has("totals") && st.stats().has("steps")).toList();
        if (stages.isEmpty()) throw new IOException("no document stage (stats.json with totals) in " + runDirs);
        Files.createDirectories(out);
        lengthTokenizer(all);
        funnel(stages);
        Profile before = inputProfile(stages.get(0));
        Profile after = Profile.of(stages.get(stages.size() - 1).dir().resolve("kept"), maxDocs, lengthEncoder);
        languagesAndSources(before, after);
        lengths(stages, before);
        qualitySignals(stages, after);
        dedup(stages);
        tokenizer(all, stages.get(stages.size() - 1).dir().resolve("kept"));
        mixtureAndTraining();
        runFacts(all);
        AtomicFiles.writeJson(out.resolve("report.json"), json);
        Path index = out.resolve("index.html");
        AtomicFiles.write(index, page().getBytes(StandardCharsets.UTF_8));
        return index;
    }

    private void section(String id, String title) {
        sections.add(id);
        html.raw("<section id=\"" + id + "\"><h2>" + Html.esc(title) + "</h2>\n");
    }

    private void endSection() {
        html.raw("</section>\n");
    }

    private void chart(String file, String alt, Chart<?, ?> chart) throws IOException {
        byte[] png = Charts.png(chart);
        Files.write(out.resolve(file), png);
        html.img(alt, Charts.dataUri(png));
    }

    // ---- funnel ---------------------------------------------------------------------------

    private void funnel(List<RunDirs.StageDir> stages) throws IOException {
        section("funnel", "Funnel");
        long docs0 = stages.get(0).stats().path("totals").path("docs_in").asLong();
        // The text going in: what the first step saw, or — when the run starts from raw files — the text the
        // ingest's extract step produced (before it, HTML/PDF files have no text and the share would pass 100 %).
        long bytes0 = 0;
        for (JsonNode s : stages.get(0).stats().path("steps")) {
            if (bytes0 == 0) bytes0 = s.path("bytes_in").asLong();
            if (s.path("name").asText().equals("extract")) bytes0 = s.path("bytes_out").asLong();
        }
        List<String> cats = new ArrayList<>(List.of("input"));
        List<Long> docs = new ArrayList<>(List.of(docs0));
        List<Double> mb = new ArrayList<>(List.of(bytes0 / 1e6));
        List<Object[]> stageRows = new ArrayList<>();
        List<Object[]> ruleRows = new ArrayList<>();
        List<Map<String, Object>> jsonStages = new ArrayList<>();
        for (RunDirs.StageDir st : stages) {
            JsonNode t = st.stats().path("totals");
            long kept = t.path("docs_kept").asLong();
            long keptBytes = t.path("bytes_kept").asLong();
            cats.add(st.name());
            docs.add(kept);
            JsonNode steps = st.stats().path("steps");
            long textBytesOut = steps.size() > 0 ? steps.get(steps.size() - 1).path("bytes_out").asLong() : keptBytes;
            mb.add(textBytesOut / 1e6);
            stageRows.add(new Object[] {st.name(), t.path("docs_in").asLong(), kept, t.path("docs_rejected").asLong(),
                    t.path("bad_records").asLong(), pct(kept, docs0), pct(textBytesOut, bytes0)});
            List<Map<String, Object>> jsonSteps = new ArrayList<>();
            for (JsonNode s : steps) {
                Map<String, Object> js = new LinkedHashMap<>();
                js.put("step", s.path("name").asText());
                js.put("docs_in", s.path("docs_in").asLong());
                js.put("docs_out", s.path("docs_out").asLong());
                js.put("docs_rejected", s.path("docs_rejected").asLong());
                js.put("bytes_in", s.path("bytes_in").asLong());
                js.put("bytes_out", s.path("bytes_out").asLong());
                Map<String, Long> rules = new TreeMap<>();
                s.path("rejected_by_rule").fields().forEachRemaining(e -> rules.put(e.getKey(), e.getValue().asLong()));
                js.put("rejected_by_rule", rules);
                Map<String, Long> counters = new TreeMap<>();
                s.path("counters").fields().forEachRemaining(e -> counters.put(e.getKey(), e.getValue().asLong()));
                js.put("counters", counters);
                jsonSteps.add(js);
                for (Map.Entry<String, Long> r : rules.entrySet()) {
                    ruleRows.add(new Object[] {st.name(), s.path("name").asText(), r.getKey(), r.getValue(), pct(r.getValue(), docs0)});
                }
                for (Map.Entry<String, Long> c : counters.entrySet()) {
                    if (c.getKey().startsWith("bytes_removed")) {
                        ruleRows.add(new Object[] {st.name(), s.path("name").asText(), c.getKey() + " (bytes, within documents)",
                                c.getValue(), pct(c.getValue(), bytes0)});
                    }
                }
            }
            Map<String, Object> js = new LinkedHashMap<>();
            js.put("stage", st.name());
            js.put("docs_in", t.path("docs_in").asLong());
            js.put("docs_kept", kept);
            js.put("docs_rejected", t.path("docs_rejected").asLong());
            js.put("bad_records", t.path("bad_records").asLong());
            js.put("steps", jsonSteps);
            jsonStages.add(js);
        }
        json.put("funnel", Map.of("input_docs", docs0, "input_text_bytes", bytes0, "stages", jsonStages));
        Map<String, List<? extends Number>> series = new LinkedHashMap<>();
        series.put("documents", docs);
        chart("funnel-docs.png", "documents retained after each stage",
                Charts.bars("Funnel: documents retained after each stage", "", "documents", cats, series));
        Map<String, List<? extends Number>> bseries = new LinkedHashMap<>();
        bseries.put("MB of text", mb);
        chart("funnel-bytes.png", "text retained after each stage",
                Charts.bars("Funnel: MB of text retained after each stage", "", "MB", cats, bseries));
        html.table(new String[] {"stage", "documents in", "kept", "rejected", "bad records", "% of input documents kept",
                "% of input text kept"}, stageRows);
        html.tag("h3", "Removed by rule");
        html.table(new String[] {"stage", "step", "rule", "removed", "% of input"}, ruleRows);
        endSection();
    }

    /** A percentage for tables, e.g. {@code 21.0%}; shares under 0.1 % keep two significant digits. */
    static String pct(long part, long whole) {
        if (whole == 0) return "";
        double p = 100.0 * part / whole;
        return p >= 0.1 || p == 0 ? String.format(Locale.ROOT, "%.1f%%", p) : String.format(Locale.ROOT, "%.2g%%", p);
    }

    // ---- languages, sources, lengths -----------------------------------------------------------

    /**
     * The documents before curation: the first stage's input shards, or — when the run starts from
     * raw files (ingest) — the documents the first stage produced.
     */
    private Profile inputProfile(RunDirs.StageDir first) throws IOException {
        List<Path> inputs = new ArrayList<>();
        boolean raw = false;
        for (JsonNode in : first.stats().path("inputs")) {
            Path p = Path.of(in.path("path").asText());
            if (Files.isRegularFile(p) && io.winnow.core.shard.Compression.of(p) != null) inputs.add(p);
            else raw = true;
        }
        rawInput = raw || inputs.isEmpty();
        if (rawInput) return Profile.of(first.dir().resolve("kept"), maxDocs, lengthEncoder);
        Profile p = new Profile(lengthEncoder);
        int perShard = Math.max(1, maxDocs / inputs.size());
        for (Path s : inputs) {
            if (!Files.exists(s)) continue;
            try (var r = new io.winnow.core.shard.ShardReader(s, io.winnow.core.shard.ShardReader.DEFAULT_MAX_RECORD_BYTES, b -> { })) {
                io.winnow.core.doc.Document d;
                int n = 0;
                while (n++ < perShard && (d = r.next()) != null) p.add(d);
            }
        }
        return p;
    }

    private void languagesAndSources(Profile before, Profile after) throws IOException {
        if (before.docs == 0 && after.docs == 0) return;
        section("languages", "Languages and sources");
        html.raw("<p class=\"note\">From a bounded read of up to " + maxDocs + " documents of the first input and of the final output"
                + (lengthEncoder == null ? "" : "; tokens with " + Html.esc(lengthModel.toString())) + ".</p>\n");
        boolean tokens = lengthEncoder != null;
        for (String kind : List.of("language", "source")) {
            Map<String, long[]> b = kind.equals("language") ? before.byLang : before.bySource;
            Map<String, long[]> a = kind.equals("language") ? after.byLang : after.bySource;
            TreeMap<String, Object[]> rows = new TreeMap<>();
            for (String k : union(b, a)) {
                long[] vb = b.getOrDefault(k, new long[3]);
                long[] va = a.getOrDefault(k, new long[3]);
                rows.put(k, tokens ? new Object[] {k, vb[0], va[0], vb[1] / 1e6, va[1] / 1e6, vb[2], va[2]}
                        : new Object[] {k, vb[0], va[0], vb[1] / 1e6, va[1] / 1e6});
            }
            List<Object[]> sorted = new ArrayList<>(rows.values());
            sorted.sort((x, y) -> Long.compare((Long) y[1], (Long) x[1]));
            html.tag("h3", "By " + kind);
            html.table(tokens ? new String[] {kind, "documents before", "documents after", "MB before", "MB after", "tokens before", "tokens after"}
                    : new String[] {kind, "documents before", "documents after", "MB before", "MB after"}, sorted);
            List<String> cats = new ArrayList<>();
            List<Long> vb = new ArrayList<>();
            List<Long> va = new ArrayList<>();
            for (Object[] r : sorted.subList(0, Math.min(12, sorted.size()))) {
                cats.add((String) r[0]);
                vb.add((Long) r[1]);
                va.add((Long) r[2]);
            }
            Map<String, List<? extends Number>> series = new LinkedHashMap<>();
            series.put("before", vb);
            series.put("after", va);
            chart("by-" + kind + ".png", "documents by " + kind, Charts.bars("Documents by " + kind, kind, "documents", cats, series));
            json.put("by_" + kind, sorted);
        }
        endSection();
    }

    private static List<String> union(Map<String, long[]> a, Map<String, long[]> b) {
        TreeMap<String, Boolean> m = new TreeMap<>();
        a.keySet().forEach(k -> m.put(k, true));
        b.keySet().forEach(k -> m.put(k, true));
        return new ArrayList<>(m.keySet());
    }

    private void lengths(List<RunDirs.StageDir> stages, Profile before) throws IOException {
        section("lengths", "Document lengths");
        List<String> cats = Profile.bucketLabels(Profile.LENGTH_BUCKETS);
        List<String> tokenCats = Profile.bucketLabels(Profile.TOKEN_BUCKETS);
        Map<String, List<? extends Number>> series = new LinkedHashMap<>();
        Map<String, List<? extends Number>> tokenSeries = new LinkedHashMap<>();
        if (!rawInput) {  // from raw files, the first stage's output is the input: no separate series
            series.put("input", toList(before.lengthHistogram));
            tokenSeries.put("input", toList(before.tokenHistogram));
        }
        Map<String, Object> chars = new LinkedHashMap<>();
        Map<String, Object> toks = new LinkedHashMap<>();
        for (RunDirs.StageDir st : stages) {
            Profile p = Profile.of(st.dir().resolve("kept"), maxDocs, lengthEncoder);
            series.put(st.name(), toList(p.lengthHistogram));
            tokenSeries.put(st.name(), toList(p.tokenHistogram));
        }
        series.forEach(chars::put);
        chart("lengths.png", "length histogram per stage",
                Charts.bars("Document length (characters) after each stage", "characters", "documents", cats, series));
        Map<String, Object> js = new LinkedHashMap<>();
        js.put("buckets", cats);
        js.putAll(chars);  // characters: the layout report.json had before token lengths existed
        if (lengthEncoder != null) {
            html.raw("<p class=\"note\">Tokens counted with " + Html.esc(lengthModel.toString()) + ", each document encoded whole "
                    + "as the mix does; bucket edges at common training sequence lengths.</p>\n");
            chart("token-lengths.png", "token length histogram per stage",
                    Charts.bars("Document length (tokens) after each stage", "tokens", "documents", tokenCats, tokenSeries));
            tokenSeries.forEach(toks::put);
            js.put("tokens", Map.of("model", lengthModel.toString(), "buckets", tokenCats, "stages", toks));
        } else {
            html.raw("<p class=\"note\">No token lengths: this run has no tokenizer stage or mix; give one with "
                    + "<code>winnow report --tokenizer MODEL</code>.</p>\n");
        }
        json.put("lengths", js);
        endSection();
    }

    /** The model token counts use: --tokenizer, else a tokenizer stage's model, else the mix's tokenizer. */
    private void lengthTokenizer(List<RunDirs.StageDir> all) throws IOException {
        Path model = tokenizerOption;
        if (model == null) {
            for (RunDirs.StageDir st : all) {
                Path m = stageModel(st);
                if (m != null) {
                    model = m;
                    break;
                }
            }
        }
        if (model == null) {
            for (Path manifest : find("manifest.json")) {
                JsonNode n = RunDirs.optional(manifest);
                Path m = n == null ? null : Path.of(n.path("tokenizer").path("path").asText(""));
                if (m != null && !m.toString().isEmpty() && Files.isRegularFile(m)) {
                    model = m;
                    break;
                }
            }
        }
        if (model == null) return;
        if (!Files.isRegularFile(model)) throw new java.nio.file.NoSuchFileException(model.toString(), null, "tokenizer model not found");
        try {
            lengthEncoder = new io.winnow.tokenizer.encode.BpeEncoder(io.winnow.tokenizer.model.SentencePieceModel.read(model));
        } catch (RuntimeException e) {
            throw new IOException(model + ": not a SentencePiece model (" + e.getMessage() + ")", e);
        }
        lengthModel = model;
    }

    /** A tokenizer stage's model file, or null for other stages. */
    private static Path stageModel(RunDirs.StageDir st) {
        if (!st.stats().has("tokenizer")) return null;
        Path model = Path.of(st.stats().path("tokenizer").path("model").asText());
        if (!Files.exists(model)) model = st.dir().resolve("model").resolve(model.getFileName());
        return Files.exists(model) ? model : null;
    }

    private static List<Long> toList(long[] a) {
        List<Long> l = new ArrayList<>();
        for (long v : a) l.add(v);
        return l;
    }

    // ---- quality signals ---------------------------------------------------------------------

    private void qualitySignals(List<RunDirs.StageDir> stages, Profile after) throws IOException {
        if (after.scores.isEmpty()) return;
        section("quality", "Quality signals");
        Map<String, Object> js = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : after.scores.entrySet()) {
            List<Double> v = e.getValue();
            double min = v.stream().mapToDouble(d -> d).min().orElse(0);
            double max = v.stream().mapToDouble(d -> d).max().orElse(1);
            if (max == min) max = min + 1;
            int bins = 20;
            double[] x = new double[bins];
            double[] y = new double[bins];
            for (int i = 0; i < bins; i++) x[i] = min + (i + 0.5) * (max - min) / bins;
            for (double d : v) y[Math.min(bins - 1, (int) ((d - min) / (max - min) * bins))]++;
            XYChart c = Charts.lines("scores." + e.getKey() + " (final output)", e.getKey(), "documents");
            c.addSeries("documents", x, y);
            List<Double> thresholds = thresholds(stages, e.getKey());
            for (double t : thresholds) {
                double peak = 0;
                for (double yy : y) peak = Math.max(peak, yy);
                c.addSeries("threshold " + t, new double[] {t, t}, new double[] {0, peak});
            }
            chart("score-" + e.getKey().replaceAll("[^A-Za-z0-9_-]", "_") + ".png", "distribution of " + e.getKey(), c);
            js.put(e.getKey(), Map.of("values", v.size(), "min", min, "max", max, "thresholds", thresholds));
        }
        json.put("quality_signals", js);
        endSection();
    }

    /** Numeric settings named min_KEY, max_KEY or KEY_threshold in any stage: drawn as thresholds on KEY. */
    static List<Double> thresholds(List<RunDirs.StageDir> stages, String key) {
        List<Double> out = new ArrayList<>();
        for (RunDirs.StageDir st : stages) collect(st.stats().path("settings"), key, out);
        return out;
    }

    private static void collect(JsonNode n, String key, List<Double> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                String k = e.getKey();
                if (e.getValue().isNumber() && (k.equals("min_" + key) || k.equals("max_" + key) || k.equals(key + "_threshold"))) {
                    out.add(e.getValue().asDouble());
                }
                collect(e.getValue(), key, out);
            });
        } else if (n.isArray()) {
            n.forEach(c -> collect(c, key, out));
        }
    }

    // ---- dedup ---------------------------------------------------------------------------------

    private void dedup(List<RunDirs.StageDir> stages) throws IOException {
        List<Object[]> bySource = new ArrayList<>();
        List<Object[]> groups = new ArrayList<>();
        for (RunDirs.StageDir st : stages) {
            Profile rej = Profile.of(st.dir().resolve("rejected"), maxDocs, null);
            long dups = rej.rejectReasons.entrySet().stream().filter(e -> Profile.isDuplicateReason(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            if (dups == 0) continue;
            Profile kept = Profile.of(st.dir().resolve("kept"), maxDocs, null);
            for (Map.Entry<String, long[]> e : rej.rejectedBySource.entrySet()) {
                long k = kept.bySource.getOrDefault(e.getKey(), new long[2])[0];
                bySource.add(new Object[] {st.name(), e.getKey(), e.getValue()[0], pct(e.getValue()[0], e.getValue()[0] + k)});
            }
            rej.duplicateGroups.entrySet().stream()
                    .sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size())).limit(10)
                    .forEach(e -> groups.add(new Object[] {st.name(), e.getKey(), String.join(", ", e.getValue())}));
        }
        if (bySource.isEmpty()) return;
        section("dedup", "Deduplication");
        html.table(new String[] {"stage", "source", "removed by dedup", "% of the source's documents"}, bySource);
        if (!groups.isEmpty()) {
            html.tag("h3", "Largest duplicate groups");
            html.table(new String[] {"stage", "kept document", "removed copies (sample)"}, groups);
        }
        json.put("dedup", Map.of("by_source", bySource, "groups", groups));
        endSection();
    }

    // ---- tokenizer -----------------------------------------------------------------------------

    /** For a tokenizer stage: compression of the final output per language, and vocabulary composition. */
    private void tokenizer(List<RunDirs.StageDir> all, Path finalKept) throws IOException {
        List<RunDirs.StageDir> toks = all.stream().filter(st -> st.stats().has("tokenizer")).toList();
        if (toks.isEmpty()) return;
        section("tokenizer", "Tokenizer");
        Map<String, Object> js = new LinkedHashMap<>();
        for (RunDirs.StageDir st : toks) {
            Path model = stageModel(st);
            if (model == null) continue;
            var m = io.winnow.tokenizer.model.SentencePieceModel.read(model);
            var report = new io.winnow.tokenizer.report.CompressionReport(new io.winnow.tokenizer.encode.BpeEncoder(m));
            int docs = 0;
            for (Path shard : Profile.shards(finalKept)) {
                try (var r = new io.winnow.core.shard.ShardReader(shard, io.winnow.core.shard.ShardReader.DEFAULT_MAX_RECORD_BYTES, b -> { })) {
                    io.winnow.core.doc.Document d;
                    while (docs < Math.max(200, maxDocs / 10) && (d = r.next()) != null) {
                        docs++;
                        String lang = d.lang() == null ? null : d.lang().split("[-_]")[0].toLowerCase(Locale.ROOT);
                        for (String line : d.text().split("\n")) {
                            byte[] b = line.getBytes(StandardCharsets.UTF_8);
                            if (b.length > 0) report.add(b, 0, b.length, lang);
                        }
                    }
                }
            }
            html.tag("h3", st.name() + ": " + model.getFileName() + ", " + m.size() + " pieces");
            html.raw("<p class=\"note\">Compression rate = tokens ÷ Unicode characters (lower is better; Baichuan 2 reports 0.498 "
                    + "for its 125,696-piece tokenizer), measured on " + docs + " documents of the final output.</p>\n");
            List<Object[]> rows = new ArrayList<>();
            List<String> groups = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            for (var g : report.groups().entrySet()) {
                var v = g.getValue();
                rows.add(new Object[] {g.getKey(), v.lines, v.chars, v.tokens, v.compressionRate(), v.tokensPerByte(), v.byteFallbackTokens});
                groups.add(g.getKey());
                rates.add(v.compressionRate());
            }
            var tot = report.total();
            rows.add(new Object[] {"all", tot.lines, tot.chars, tot.tokens, tot.compressionRate(), tot.tokensPerByte(), tot.byteFallbackTokens});
            html.table(new String[] {"language", "lines", "characters", "tokens", "compression rate", "tokens per byte", "byte-fallback tokens"}, rows);
            if (!groups.isEmpty()) {
                Map<String, List<? extends Number>> series = new LinkedHashMap<>();
                series.put("tokens per character", rates);
                chart("tokenizer-" + st.name() + ".png", "compression rate per language",
                        Charts.bars("Tokenizer: tokens per character, by language", "language", "tokens / char", groups, series));
            }
            Map<String, Integer> comp = io.winnow.tokenizer.report.VocabComposition.of(m);
            List<Object[]> compRows = new ArrayList<>();
            comp.forEach((k, v) -> compRows.add(new Object[] {k, (long) v}));
            html.tag("h3", "Vocabulary composition");
            html.table(new String[] {"kind of piece", "pieces"}, compRows);
            js.put(st.name(), Map.of("model", model.toString(), "pieces", m.size(), "compression_rate", tot.compressionRate(),
                    "tokens_per_byte", tot.tokensPerByte(), "composition", comp));
        }
        json.put("tokenizer", js);
        endSection();
    }

    // ---- mixture and training (present when their files exist) ---------------------------------

    private void mixtureAndTraining() throws IOException {
        List<Path> manifests = find("manifest.json");
        if (!manifests.isEmpty()) {
            section("mixture", "Mixture");
            ObjectMapper om = new ObjectMapper();
            List<Object> js = new ArrayList<>();
            for (Path m : manifests) {
                JsonNode n = om.readTree(m.toFile());
                html.tag("h3", n.path("name").asText(m.getParent().getFileName().toString()) + " (" + m + ")");
                html.raw("<p>Token budget " + Html.format(n.path("target_total_tokens").asLong()) + ", achieved "
                        + Html.format(n.path("achieved_total_tokens").asLong()) + "; tokenizer "
                        + Html.esc(n.path("tokenizer").path("path").asText()) + " (vocabulary "
                        + Html.format(n.path("tokenizer").path("vocab_size").asLong()) + ", "
                        + Html.esc(n.path("tokenizer").path("dtype").asText()) + ").</p>\n");
                List<Object[]> rows = new ArrayList<>();
                List<String> names = new ArrayList<>();
                List<Double> target = new ArrayList<>();
                List<Double> achieved = new ArrayList<>();
                for (JsonNode src : n.path("sources")) {
                    rows.add(new Object[] {src.path("name").asText(), src.path("mode").asText(),
                            String.format(Locale.ROOT, "%.1f%%", 100 * src.path("target_share").asDouble()),
                            String.format(Locale.ROOT, "%.1f%%", 100 * src.path("achieved_share").asDouble()),
                            src.path("target_tokens").asLong(), src.path("achieved_tokens").asLong(),
                            src.path("available").path("documents").asLong(), src.path("within_tolerance").asBoolean() ? "yes" : "NO"});
                    names.add(src.path("name").asText());
                    target.add(100 * src.path("target_share").asDouble());
                    achieved.add(100 * src.path("achieved_share").asDouble());
                }
                html.table(new String[] {"source", "mode", "target share", "achieved share", "target tokens",
                        "achieved tokens", "documents available", "within tolerance"}, rows);
                if (!names.isEmpty()) {
                    Map<String, List<? extends Number>> series = new LinkedHashMap<>();
                    series.put("target %", target);
                    series.put("achieved %", achieved);
                    chart("mixture-" + js.size() + ".png", "target and achieved shares",
                            Charts.bars("Mixture: target vs achieved share of tokens", "source", "%", names, series));
                }
                List<Object[]> files = new ArrayList<>();
                n.path("splits").fields().forEachRemaining(sp -> {
                    for (JsonNode f : sp.getValue().path("datasets")) {
                        files.add(new Object[] {sp.getKey(), f.path("prefix").asText(),
                                f.path("documents").asLong(), f.path("tokens").asLong()});
                    }
                });
                if (!files.isEmpty()) html.table(new String[] {"split", "file", "documents", "tokens"}, files);
                js.add(n.path("sources"));
            }
            json.put("mixture", js);
            endSection();
        }
        List<Path> metrics = find("metrics.jsonl");
        if (!metrics.isEmpty()) {
            section("training", "Training");
            ObjectMapper om = new ObjectMapper();
            for (Path m : metrics) {
                Map<String, List<double[]>> curves = new TreeMap<>();
                for (String line : Files.readAllLines(m)) {
                    if (line.isBlank()) continue;
                    JsonNode n = om.readTree(line);
                    if (!n.has("step")) continue;
                    double step = n.get("step").asDouble();
                    n.fields().forEachRemaining(e -> {
                        if (!e.getKey().equals("step") && e.getValue().isNumber()) {
                            curves.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {step, e.getValue().asDouble()});
                        }
                    });
                }
                for (Map.Entry<String, List<double[]>> c : curves.entrySet()) {
                    XYChart ch = Charts.lines(c.getKey(), "step", c.getKey());
                    ch.addSeries(c.getKey(), c.getValue().stream().mapToDouble(p -> p[0]).toArray(),
                            c.getValue().stream().mapToDouble(p -> p[1]).toArray());
                    chart("train-" + c.getKey().replaceAll("[^A-Za-z0-9_-]", "_") + ".png", c.getKey(), ch);
                }
            }
            endSection();
        }
    }

    private List<Path> find(String fileName) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path r : runDirs) {
            try (Stream<Path> s = Files.walk(r, 3)) {
                s.filter(p -> p.getFileName().toString().equals(fileName)).sorted().forEach(found::add);
            }
        }
        return found;
    }

    // ---- run facts -----------------------------------------------------------------------------

    private void runFacts(List<RunDirs.StageDir> stages) throws IOException {
        section("facts", "Run facts");
        List<Object[]> rows = new ArrayList<>();
        List<Map<String, Object>> js = new ArrayList<>();
        for (RunDirs.StageDir st : stages) {
            JsonNode s = st.stats();
            String hash = sha256(s.path("settings").toString()).substring(0, 12);
            rows.add(new Object[] {st.name(), st.dir().toString(), s.path("status").asText(), s.path("started").asText(),
                    s.path("wall_seconds").asDouble(), s.path("workers").asLong(), s.path("inputs").size(), hash});
            js.add(Map.of("stage", st.name(), "dir", st.dir().toString(), "settings_sha256", sha256(s.path("settings").toString()),
                    "wall_seconds", s.path("wall_seconds").asDouble(), "input_shards", s.path("inputs").size()));
        }
        html.table(new String[] {"stage", "directory", "status", "started", "seconds", "workers", "input shards", "settings hash"}, rows);
        html.raw("<p class=\"note\">" + Html.esc(version()) + ", Java " + Html.esc(System.getProperty("java.version")) + "</p>\n");
        json.put("run", js);
        json.put("version", version());
        endSection();
    }

    static String version() {
        Package p = ReportBuilder.class.getPackage();
        return "winnow " + (p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "0.1.0-SNAPSHOT");
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String page() {
        StringBuilder nav = new StringBuilder();
        for (String s : sections) nav.append("<a href=\"#").append(s).append("\">").append(s).append("</a> ");
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>Winnow report</title>
                <style>
                body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1000px;color:#111827}
                h1{margin-bottom:.2rem} h2{border-bottom:2px solid #e5e7eb;padding-bottom:.3rem;margin-top:2.5rem}
                nav a{margin-right:.8rem;color:#2563eb} table{border-collapse:collapse;margin:.8rem 0;font-size:.9rem}
                th,td{border:1px solid #e5e7eb;padding:.3rem .6rem;text-align:left} td.n{text-align:right;font-variant-numeric:tabular-nums}
                th{background:#f9fafb} img{max-width:100%%;margin:.5rem 0} .note{color:#6b7280;font-size:.85rem}
                pre{background:#f9fafb;padding:.8rem;overflow:auto;font-size:.8rem}
                </style></head>
                <body data-sections="%s">
                <h1>Winnow report</h1>
                <p class="note">%s</p>
                <nav>%s</nav>
                %s
                <script>
                // Lets an automated check see that the page ran: it counts the sections and any script error.
                window.addEventListener('error', function () { document.body.dataset.errors = (+(document.body.dataset.errors || 0) + 1); });
                document.body.dataset.rendered = document.querySelectorAll('section').length;
                </script>
                </body></html>
                """.formatted(String.join(" ", sections), Html.esc(String.join(", ", runDirs.stream().map(Path::toString).toList())),
                nav, html);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
