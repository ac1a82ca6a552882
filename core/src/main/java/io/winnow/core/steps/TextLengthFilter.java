package io.winnow.core.steps;

import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.step.Filter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;

/** Keeps documents whose text has between {@code min_chars} and {@code max_chars} code points. */
public final class TextLengthFilter extends Filter {
    public static final class Params implements Config.Validatable {
        public int minChars = 1;
        public int maxChars = Integer.MAX_VALUE;

        @Override
        public void validate() {
            if (minChars < 0) throw new IllegalArgumentException("min_chars must be >= 0");
            if (maxChars < minChars) throw new IllegalArgumentException("max_chars must be >= min_chars");
        }
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "text_length"; }
        @Override public String description() { return "drop documents shorter than min_chars or longer than max_chars (code points)"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new TextLengthFilter(name, p.minChars, p.maxChars); }
    }

    private final int minChars;
    private final int maxChars;

    public TextLengthFilter(String name, int minChars, int maxChars) {
        super(name);
        this.minChars = minChars;
        this.maxChars = maxChars;
    }

    @Override
    protected String check(Document doc) {
        String t = doc.text();
        int n = t.codePointCount(0, t.length());
        if (n < minChars) return "too_short";
        if (n > maxChars) return "too_long";
        return null;
    }
}
