package io.winnow.safety.domain;

import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import io.winnow.safety.SafetyText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code domain_blocklist}: looks each document's URL up in UT1-layout category lists. A document
 * whose host (or a parent domain) or URL prefix is listed under a {@code drop} category is rejected
 * ({@code domain:CATEGORY} or {@code url:CATEGORY}); {@code tag} categories only mark it. Every
 * matched category sets {@code scores.domain.CATEGORY = 1}. Documents without a URL pass.
 */
public final class DomainBlocklistStep implements Step {
    public static final class Params implements Config.Validatable {
        /** UT1-layout roots: {@code ROOT/CATEGORY/domains} and {@code ROOT/CATEGORY/urls}. */
        public List<String> lists = List.of();
        /** Categories that drop a document; {@code all} for every category found. */
        public List<String> drop = List.of();
        /** Categories that only tag a document; {@code all} for every category not dropped. */
        public List<String> tag = List.of();
        public String scorePrefix = "domain";

        private transient UrlCategories compiled;

        @Override
        public void validate() {
            if (lists.isEmpty()) throw new IllegalArgumentException("lists: name at least one UT1-layout directory");
            for (String l : lists) {
                if (!Files.isDirectory(Path.of(l))) throw new IllegalArgumentException("lists: not a directory: " + l);
            }
            if (drop.isEmpty() && tag.isEmpty()) throw new IllegalArgumentException("name categories to drop or tag (or 'all')");
            Set<String> found = new HashSet<>();
            for (String l : lists) found.addAll(UrlCategories.available(Path.of(l)));
            for (String c : concat(drop, tag)) {
                if (!c.equals("all") && !found.contains(c)) {
                    throw new IllegalArgumentException("category '" + c + "' is not in " + lists + " (found: " + found.stream().sorted().toList() + ")");
                }
            }
        }

        boolean all(List<String> l) { return l.contains("all"); }

        public synchronized UrlCategories compiled() {
            if (compiled == null) {
                Set<String> wanted = all(drop) || all(tag) ? null : new HashSet<>(concat(drop, tag));
                compiled = UrlCategories.load(lists.stream().map(Path::of).toList(), wanted);
            }
            return compiled;
        }

        private static List<String> concat(List<String> a, List<String> b) {
            return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
        }
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "domain_blocklist"; }
        @Override public String description() { return "URL categories from UT1-layout lists (domains, urls): drop or tag by category"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new DomainBlocklistStep(name, p); }
    }

    private final String name;
    private final Params p;
    private final UrlCategories lists;
    private final long dropBits;

    public DomainBlocklistStep(String name, Params p) {
        this.name = name;
        this.p = p;
        this.lists = p.compiled();
        this.dropBits = p.all(p.drop) ? -1L : lists.bits(p.drop);
    }

    @Override
    public String name() { return name; }

    @Override
    public void process(Document doc, Emitter out) {
        String url = SafetyText.url(doc);
        if (url == null) {
            out.count("no_url", 1);
            out.emit(doc);
            return;
        }
        UrlCategories.Hit hit = lists.lookup(url);
        if (!hit.any()) {
            out.emit(doc);
            return;
        }
        long all = hit.domainBits() | hit.urlBits();
        for (String c : lists.names(all)) {
            doc.scores().put(p.scorePrefix + "." + c, 1);
            out.count("matched:" + c, 1);
        }
        long dropDomain = hit.domainBits() & dropBits;
        long dropUrl = hit.urlBits() & dropBits;
        if (dropDomain != 0) out.reject(doc, "domain:" + lists.names(dropDomain).get(0));
        else if (dropUrl != 0) out.reject(doc, "url:" + lists.names(dropUrl).get(0));
        else out.emit(doc);
    }
}
