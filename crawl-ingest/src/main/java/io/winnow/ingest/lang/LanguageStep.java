package io.winnow.ingest.lang;

import io.winnow.core.doc.Document;
import io.winnow.core.step.Filter;
import io.winnow.ingest.IngestMetadata;
import io.winnow.ingest.IngestSettings;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Sets {@code lang}, {@code scores.lang_score} and, for Chinese, {@code metadata.script}
 * ({@code Hans}/{@code Hant}); rejects documents whose score is under {@code min_score}
 * ({@code below_min_score:LANG}) or whose language is not allowed ({@code not_allowed:LANG}), so the
 * stage's stats count rejects by language.
 */
public final class LanguageStep extends Filter {
    private final IngestSettings.Lang cfg;
    private final Set<String> allow = new HashSet<>();
    private final LanguageIdentifier id;

    public LanguageStep(String name, IngestSettings.Lang cfg) {
        super(name);
        this.cfg = cfg;
        for (String a : cfg.allow) allow.add(a.toLowerCase(Locale.ROOT));
        this.id = LanguageIdentifier.get();
    }

    @Override
    protected String check(Document doc) {
        LanguageIdentifier.Result r = id.identify(sample(doc.text(), cfg.sampleChars));
        doc.lang(r.lang());
        doc.scores().put(IngestMetadata.LANG_SCORE, Math.round(r.score() * 10000) / 10000.0);
        if (r.script() != null) doc.metadata().put(IngestMetadata.SCRIPT, r.script());
        if (r.lang().equals("und")) return "undetermined";
        if (r.score() < cfg.minScore) return "below_min_score:" + r.lang();
        if (!allow.isEmpty() && !allow.contains(r.lang())) return "not_allowed:" + r.lang();
        return null;
    }

    /** The first {@code max} chars, cut at a line end when there is one in the last quarter. */
    static String sample(String text, int max) {
        if (text.length() <= max) return text;
        int cut = text.lastIndexOf('\n', max);
        return text.substring(0, cut > max * 3 / 4 ? cut : max);
    }
}
