package io.winnow.clean;

import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Runs one step on one document and records what came out. */
public final class Docs {
    public final List<Document> kept = new ArrayList<>();
    public String rejectedRule;
    public final Map<String, Long> counters = new TreeMap<>();

    public static Docs run(Step step, Document doc) {
        Docs r = new Docs();
        step.process(doc, new Emitter() {
            @Override public void emit(Document d) { r.kept.add(d); }
            @Override public void reject(Document d, String rule) { r.rejectedRule = rule; }
            @Override public void count(String c, long n) { r.counters.merge(c, n, Long::sum); }
        });
        step.finish(new Emitter() {
            @Override public void emit(Document d) { r.kept.add(d); }
            @Override public void reject(Document d, String rule) { r.rejectedRule = rule; }
        });
        return r;
    }

    public static String rule(Step step, String text, String lang) {
        return run(step, new Document("t", text).lang(lang)).rejectedRule;
    }

    public String text() {
        return kept.get(0).text();
    }
}
