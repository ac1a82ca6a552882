package io.winnow.core.steps;

import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.step.Filter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps documents whose {@code lang} field is one of {@code keep}. Codes match on their primary
 * subtag too, so {@code zh} keeps {@code zh-CN} and {@code zh-TW}.
 */
public final class LanguageFilter extends Filter {
    public static final class Params implements Config.Validatable {
        public List<String> keep = List.of();

        @Override
        public void validate() {
            if (keep == null || keep.isEmpty()) throw new IllegalArgumentException("keep: list at least one language code");
        }
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "lang"; }
        @Override public String description() { return "keep documents whose lang is in the keep list (zh matches zh-CN)"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new LanguageFilter(name, p.keep); }
    }

    private final Set<String> keep = new HashSet<>();

    public LanguageFilter(String name, List<String> keep) {
        super(name);
        for (String k : keep) this.keep.add(k.toLowerCase(Locale.ROOT));
    }

    @Override
    protected String check(Document doc) {
        String lang = doc.lang();
        if (lang == null || lang.isEmpty()) return "no_lang";
        String l = lang.toLowerCase(Locale.ROOT).replace('_', '-');
        if (keep.contains(l)) return null;
        int dash = l.indexOf('-');
        if (dash > 0 && keep.contains(l.substring(0, dash))) return null;
        return "lang_not_kept";
    }
}
