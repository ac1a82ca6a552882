package io.winnow.bench.safety;

import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.core.util.AtomicFiles;
import io.winnow.safety.blocklist.KeywordBlocklistStep;
import io.winnow.safety.classify.ClassifierStep;
import io.winnow.safety.domain.DomainBlocklistStep;
import io.winnow.safety.pii.PiiRedactStep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Single-thread throughput (documents/s per core) of each safety step on real documents:
 * {@code keyword_blocklist} with a 10,000-term list, {@code domain_blocklist}, {@code pii_redact}
 * and {@code toxicity_classifier}. Each step runs over the whole document set a few times after a
 * warm-up; the median pass is reported. Results go to a JSON file.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.winnow.bench.safety.SafetyBench DOCS.jsonl LISTS_DIR UT1_DIR MODEL OUT.json [passes]
 * </pre>
 */
public final class SafetyBench {
    private SafetyBench() {}

    public static void main(String[] args) throws Exception {
        Path docsFile = Path.of(args[0]);
        Path lists = Path.of(args[1]);
        Path ut1 = Path.of(args[2]);
        Path model = Path.of(args[3]);
        Path out = Path.of(args[4]);
        int passes = args.length > 5 ? Integer.parseInt(args[5]) : 3;

        List<Document> docs = new ArrayList<>();
        long chars = 0;
        long bytes = 0;
        for (String line : Files.readAllLines(docsFile, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            Document d = DocumentJson.parse(line);
            docs.add(d);
            chars += d.text().length();
            bytes += d.textBytes();
        }
        System.out.printf("%,d documents, %.1f MB of text%n", docs.size(), bytes / 1e6);

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("documents", docs.size());
        results.put("text_mb", Math.round(bytes / 1e4) / 100.0);
        results.put("text_chars", chars);
        results.put("java", System.getProperty("java.version"));
        results.put("cores", Runtime.getRuntime().availableProcessors());

        KeywordBlocklistStep.Params kb = new KeywordBlocklistStep.Params();
        kb.lists = List.of(lists.toString());
        kb.action = KeywordBlocklistStep.Action.TAG; // every document goes through the whole scan
        long t0 = System.nanoTime();
        int terms = kb.compiled().size();
        double build = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> kbr = run("keyword_blocklist", () -> new KeywordBlocklistStep("keyword_blocklist", kb), docs, bytes, passes);
        kbr.put("terms", terms);
        kbr.put("build_seconds", Math.round(build * 100) / 100.0);
        results.put("keyword_blocklist", kbr);

        DomainBlocklistStep.Params db = new DomainBlocklistStep.Params();
        db.lists = List.of(ut1.toString());
        db.drop = List.of("all");
        db.compiled();
        results.put("domain_blocklist", run("domain_blocklist", () -> new DomainBlocklistStep("domain_blocklist", db), docs, bytes, passes));

        PiiRedactStep.Params pii = new PiiRedactStep.Params();
        pii.action = PiiRedactStep.Action.TAG; // keep the texts unchanged between passes
        results.put("pii_redact", run("pii_redact", () -> new PiiRedactStep("pii_redact", pii), docs, bytes, passes));

        ClassifierStep.Params cl = new ClassifierStep.Params();
        cl.model = model.toString();
        cl.action = ClassifierStep.Action.TAG;
        cl.validate();
        results.put("toxicity_classifier", run("toxicity_classifier", () -> new ClassifierStep("toxicity_classifier", cl), docs, bytes, passes));

        AtomicFiles.writeJson(out, results);
        System.out.println("results: " + out);
    }

    /** Median over {@code passes} timed passes after one warm-up pass. */
    static Map<String, Object> run(String name, Supplier<Step> step, List<Document> docs, long bytes, int passes) {
        Emitter sink = new Emitter() {
            @Override public void emit(Document doc) { }
            @Override public void reject(Document doc, String rule) { }
        };
        double[] secs = new double[passes];
        for (int p = -1; p < passes; p++) {
            Step s = step.get();
            long t0 = System.nanoTime();
            for (Document d : docs) s.process(d, sink);
            s.finish(sink);
            double dt = (System.nanoTime() - t0) / 1e9;
            if (p >= 0) secs[p] = dt;
        }
        Arrays.sort(secs);
        double median = secs[passes / 2];
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seconds_per_pass", Math.round(median * 1000) / 1000.0);
        r.put("docs_per_s", Math.round(docs.size() / median));
        r.put("mb_per_s", Math.round(bytes / 1e6 / median * 100) / 100.0);
        System.out.printf("%-20s %8.0f docs/s  %6.2f MB/s  (median of %d passes, %.2f s each)%n", name, docs.size() / median,
                bytes / 1e6 / median, passes, median);
        return r;
    }
}
