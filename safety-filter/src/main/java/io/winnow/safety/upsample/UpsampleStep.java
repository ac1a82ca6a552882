package io.winnow.safety.upsample;

import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import io.winnow.safety.SafetyText;
import io.winnow.safety.blocklist.TermLists;
import io.winnow.safety.domain.UrlCategories;
import io.winnow.safety.domain.UrlParts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code upsample}: marks documents from allow-listed (positive-value) domains or sources with
 * {@code scores.upsample = FACTOR}, the sampling weight the mixture stage multiplies in (Baichuan 2
 * raised the sampling probability of a curated set of reputable sites). A domain rule matches the
 * URL's host and its subdomains (the most specific listed domain gives the factor); a source rule
 * matches {@code source} exactly. When a document matches both, the larger factor wins
 * ({@code combine: max}) or they multiply ({@code product}).
 * Documents no rule matches get no score (the mixture reads that as 1).
 */
public final class UpsampleStep implements Step {
    public enum Combine { MAX, PRODUCT }

    /** One allow list and its factor. */
    public static final class Rule {
        public List<String> domains = List.of();
        /** A file of domains, one per line ({@code #} comments). */
        public String domainsFile;
        public List<String> sources = List.of();
        public double factor = 2.0;
    }

    public static final class Params implements Config.Validatable {
        public List<Rule> rules = List.of();
        public Combine combine = Combine.MAX;
        public String score = "upsample";

        private transient Map<String, Double> domainFactors;
        private transient Map<String, Double> sourceFactors;

        @Override
        public void validate() {
            if (rules.isEmpty()) throw new IllegalArgumentException("rules: list at least one {domains|domains_file|sources, factor}");
            for (int i = 0; i < rules.size(); i++) {
                Rule r = rules.get(i);
                if (!(r.factor > 0)) throw new IllegalArgumentException("rules[" + i + "].factor must be positive");
                if (r.domainsFile != null && !Files.isRegularFile(Path.of(r.domainsFile))) {
                    throw new IllegalArgumentException("rules[" + i + "].domains_file: no such file: " + r.domainsFile);
                }
                if (r.domains.isEmpty() && r.domainsFile == null && r.sources.isEmpty()) {
                    throw new IllegalArgumentException("rules[" + i + "]: name domains, a domains_file or sources");
                }
            }
        }

        synchronized void compile() {
            if (domainFactors != null) return;
            Map<String, Double> d = new HashMap<>();
            Map<String, Double> s = new HashMap<>();
            for (Rule r : rules) {
                Set<String> names = new HashSet<>(r.domains);
                if (r.domainsFile != null) names.addAll(TermLists.read(Path.of(r.domainsFile)));
                for (String n : names) {
                    String host = UrlParts.parse(n.contains("://") ? n : "http://" + n).host();
                    if (host.startsWith("www.")) host = host.substring(4);
                    if (!host.isEmpty()) d.merge(host, r.factor, Math::max);
                }
                for (String src : r.sources) s.merge(src, r.factor, Math::max);
            }
            domainFactors = d;
            sourceFactors = s;
        }
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "upsample"; }
        @Override public String description() { return "scores.upsample = factor for documents from allow-listed domains or sources"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new UpsampleStep(name, p); }
    }

    private final String name;
    private final Params p;

    public UpsampleStep(String name, Params p) {
        this.name = name;
        this.p = p;
        p.compile();
    }

    @Override
    public String name() { return name; }

    @Override
    public void process(Document doc, Emitter out) {
        double factor = 1;
        boolean matched = false;
        String url = SafetyText.url(doc);
        if (url != null) {
            String host = UrlParts.parse(url).host();
            if (!host.isEmpty()) {
                for (String suffix : UrlCategories.suffixes(host)) {
                    Double f = p.domainFactors.get(suffix);
                    if (f == null) continue;
                    factor = f;
                    matched = true;
                    break;
                }
            }
        }
        if (doc.source() != null) {
            Double f = p.sourceFactors.get(doc.source());
            if (f != null) {
                factor = combine(factor, f, matched);
                matched = true;
            }
        }
        if (matched) {
            doc.scores().put(p.score, factor);
            out.count("upsampled", 1);
        }
        out.emit(doc);
    }

    private double combine(double acc, double f, boolean any) {
        if (!any) return f;
        return p.combine == Combine.MAX ? Math.max(acc, f) : acc * f;
    }
}
