package io.winnow.safety.testing;

import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one step over documents in memory and keeps what it emitted, rejected and counted. */
public final class StepRun implements Emitter {
    public final List<Document> kept = new ArrayList<>();
    public final Map<String, String> rejected = new LinkedHashMap<>(); // id -> rule
    public final List<Document> rejectedDocs = new ArrayList<>();
    public final Map<String, Long> counters = new LinkedHashMap<>();

    public static StepRun of(Step step, Iterable<Document> docs) {
        StepRun r = new StepRun();
        for (Document d : docs) step.process(d, r);
        step.finish(r);
        return r;
    }

    @Override public void emit(Document doc) { kept.add(doc); }

    @Override public void reject(Document doc, String rule) {
        rejected.put(doc.id(), rule);
        rejectedDocs.add(doc);
    }

    @Override public void count(String counter, long amount) { counters.merge(counter, amount, Long::sum); }

    /** Reads a JSONL file of documents (the shared corpora). */
    public static List<Document> read(Path jsonl) throws IOException {
        List<Document> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) if (!line.isBlank()) out.add(DocumentJson.parse(line));
        }
        return out;
    }

    public static Document doc(String id, String text, String lang) {
        return new Document(id, text).lang(lang);
    }
}
