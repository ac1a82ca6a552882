package io.winnow.safety.blocklist;

import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import io.winnow.safety.blocklist.TermLists.Kind;
import io.winnow.safety.SafetyText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code keyword_blocklist}: counts list terms in each document with one Aho-Corasick pass. A hard
 * term drops the document ({@code hard:CATEGORY}); soft terms drop it when their count reaches
 * {@code soft_max_count} ({@code soft_count}) or their density reaches {@code soft_max_density}
 * matches per 1,000 words ({@code soft_density}). With {@code action: tag} nothing is dropped.
 * Counts go to {@code scores}: {@code blocklist.hard}, {@code blocklist.soft},
 * {@code blocklist.CATEGORY} and {@code blocklist.soft_density} (absent means 0).
 */
public final class KeywordBlocklistStep implements Step {
    public enum Action { DROP, TAG }

    public enum UnknownLang { ALL, ANY }

    /** One list file with an explicit language, category and kind. */
    public static final class ListFile {
        public String path;
        public String lang = TermLists.ANY;
        public String category;
        public Kind kind = Kind.HARD;
    }

    /** Terms written in the config itself. */
    public static final class InlineTerms {
        public String lang = TermLists.ANY;
        public String category;
        public Kind kind = Kind.HARD;
        public List<String> terms = List.of();
    }

    public static final class Params implements Config.Validatable {
        /** Directories laid out as {@code LANG/CATEGORY[.soft].txt} and {@code LANG/allow.txt}. */
        public List<String> lists = List.of();
        public List<ListFile> files = List.of();
        public List<InlineTerms> inline = List.of();
        /** What to scan: the document text, or its URL (split into words at non-alphanumerics). */
        public SafetyText.Field field = SafetyText.Field.TEXT;
        public Action action = Action.DROP;
        /** Drop when a document has at least this many soft matches (0: never by count). */
        public int softMaxCount = 3;
        /** Drop when soft matches per 1,000 words reach this (0: never by density)... */
        public double softMaxDensity = 5.0;
        /** ...and the document has at least this many soft matches. */
        public int softDensityMinCount = 2;
        /** Documents without a language: match every language's lists ({@code all}) or only {@code any/}. */
        public UnknownLang unknownLang = UnknownLang.ALL;
        public String scorePrefix = "blocklist";

        private transient Blocklist compiled;

        @Override
        public void validate() {
            if (lists.isEmpty() && files.isEmpty() && inline.isEmpty()) {
                throw new IllegalArgumentException("no terms: set lists (directories), files or inline");
            }
            for (String l : lists) {
                if (!Files.isDirectory(Path.of(l))) throw new IllegalArgumentException("lists: not a directory: " + l);
            }
            for (ListFile f : files) {
                if (f.path == null || !Files.isRegularFile(Path.of(f.path))) throw new IllegalArgumentException("files: no such file: " + f.path);
                if (f.category == null && f.kind != Kind.ALLOW) throw new IllegalArgumentException("files: " + f.path + " needs a category");
            }
            for (InlineTerms t : inline) {
                if (t.category == null && t.kind != Kind.ALLOW) throw new IllegalArgumentException("inline: every entry needs a category");
            }
            if (softMaxCount < 0 || softMaxDensity < 0 || softDensityMinCount < 0) {
                throw new IllegalArgumentException("soft thresholds must be >= 0");
            }
            try {
                compiled(); // an unreadable list is a config error, found before any shard runs
            } catch (java.io.UncheckedIOException e) {
                throw new IllegalArgumentException(e.getCause().getMessage());
            }
        }

        /** The compiled lists, built once and shared by every shard's step. */
        public synchronized Blocklist compiled() {
            if (compiled == null) compiled = Blocklist.of(entries());
            return compiled;
        }

        List<Blocklist.Entry> entries() {
            List<Blocklist.Entry> out = new ArrayList<>();
            for (String dir : lists) {
                for (TermLists.Source s : TermLists.scan(Path.of(dir))) {
                    for (String t : TermLists.read(s.path())) out.add(new Blocklist.Entry(t, s.lang(), s.category(), s.kind()));
                }
            }
            for (ListFile f : files) {
                String lang = TermLists.normalizeLang(f.lang);
                for (String t : TermLists.read(Path.of(f.path))) out.add(new Blocklist.Entry(t, lang, f.category, f.kind));
            }
            for (InlineTerms it : inline) {
                String lang = TermLists.normalizeLang(it.lang);
                for (String t : it.terms) out.add(new Blocklist.Entry(t, lang, it.category, it.kind));
            }
            return out;
        }
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "keyword_blocklist"; }
        @Override public String description() { return "count list terms (one Aho-Corasick pass; per language and category); drop on hard terms or too many soft ones"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new KeywordBlocklistStep(name, p); }
    }

    private final String name;
    private final Params p;
    private final Blocklist lists;

    public KeywordBlocklistStep(String name, Params p) {
        this.name = name;
        this.p = p;
        this.lists = p.compiled();
    }

    @Override
    public String name() { return name; }

    @Override
    public void process(Document doc, Emitter out) {
        String text = SafetyText.of(doc, p.field);
        if (text == null || text.isEmpty()) {
            out.emit(doc);
            return;
        }
        Blocklist.Counts c = lists.match(text, doc.lang(), p.unknownLang == UnknownLang.ALL);
        String rule = record(doc, c, out);
        if (rule != null && p.action == Action.DROP) out.reject(doc, rule);
        else out.emit(doc);
    }

    /** Writes the counts into scores and step counters; returns the rule the document breaks, or null. */
    private String record(Document doc, Blocklist.Counts c, Emitter out) {
        if (c.hardTotal == 0 && c.softTotal == 0) return null;
        Map<String, Number> scores = doc.scores();
        String px = p.scorePrefix + ".";
        List<String> cats = lists.categories();
        String topHard = null;
        int topHardCount = 0;
        for (int i = 0; i < cats.size(); i++) {
            int n = c.hard[i] + c.soft[i];
            if (n == 0) continue;
            scores.put(px + cats.get(i), n);
            out.count("matches:" + cats.get(i), n);
            if (c.hard[i] > topHardCount) {
                topHardCount = c.hard[i];
                topHard = cats.get(i);
            }
        }
        if (c.hardTotal > 0) scores.put(px + "hard", c.hardTotal);
        if (c.softTotal > 0) {
            scores.put(px + "soft", c.softTotal);
            scores.put(px + "soft_density", Math.round(c.softDensity() * 1000) / 1000.0);
        }
        if (topHard != null) return "hard:" + topHard;
        if (p.softMaxCount > 0 && c.softTotal >= p.softMaxCount) return "soft_count";
        if (p.softMaxDensity > 0 && c.softTotal >= Math.max(1, p.softDensityMinCount) && c.softDensity() >= p.softMaxDensity) {
            return "soft_density";
        }
        return null;
    }
}
