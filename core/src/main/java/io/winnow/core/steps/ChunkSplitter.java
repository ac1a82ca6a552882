package io.winnow.core.steps;

import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits documents longer than {@code max_chars} into chunks at paragraph breaks (blank lines),
 * falling back to line breaks, then whitespace, then a hard cut. Chunk k of document X gets id
 * {@code X#k} and {@code metadata.chunk = {index, count, parent}}; shorter documents pass as they are.
 * The chunks together hold every character of the original, in order.
 */
public final class ChunkSplitter implements Step {
    public static final class Params implements Config.Validatable {
        public int maxChars = 100_000;

        @Override
        public void validate() {
            if (maxChars < 16) throw new IllegalArgumentException("max_chars must be at least 16");
        }
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "chunk"; }
        @Override public String description() { return "split documents longer than max_chars at paragraph, line or word breaks"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new ChunkSplitter(name, p.maxChars); }
    }

    private final String name;
    private final int maxChars;

    public ChunkSplitter(String name, int maxChars) {
        this.name = name;
        this.maxChars = maxChars;
    }

    @Override
    public String name() { return name; }

    @Override
    public void process(Document doc, Emitter out) {
        String t = doc.text();
        if (t.length() <= maxChars) {
            out.emit(doc);
            return;
        }
        List<String> parts = split(t, maxChars);
        for (int k = 0; k < parts.size(); k++) {
            Document c = doc.copy().text(parts.get(k));
            if (doc.id() != null) c.id(doc.id() + "#" + k);
            // LinkedHashMap, not Map.of: Map.of's iteration order changes from JVM to JVM.
            Map<String, Object> chunk = new LinkedHashMap<>();
            chunk.put("index", k);
            chunk.put("count", parts.size());
            chunk.put("parent", doc.id());
            c.metadata().put("chunk", chunk);
            out.emit(c);
        }
    }

    /** Cuts {@code t} into pieces of at most {@code max} chars; concatenated they give back {@code t}. */
    static List<String> split(String t, int max) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (t.length() - start > max) {
            int limit = start + max;
            int cut = lastBreak(t, start, limit, "\n\n");
            if (cut < 0) cut = lastBreak(t, start, limit, "\n");
            if (cut < 0) cut = lastBreak(t, start, limit, " ");
            if (cut < 0) {
                cut = limit;
                if (Character.isLowSurrogate(t.charAt(cut)) && cut - 1 > start) cut--; // never split a code point
            }
            out.add(t.substring(start, cut));
            start = cut;
        }
        out.add(t.substring(start));
        return out;
    }

    /** End of the last {@code sep} within (start, limit], so the separator stays with the left piece. */
    private static int lastBreak(String t, int start, int limit, String sep) {
        int i = t.lastIndexOf(sep, limit - sep.length());
        if (i <= start) return -1;
        return i + sep.length();
    }
}
