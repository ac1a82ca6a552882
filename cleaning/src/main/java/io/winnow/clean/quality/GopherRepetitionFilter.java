package io.winnow.clean.quality;

import io.winnow.clean.text.Scripts;
import io.winnow.clean.text.Words;
import io.winnow.core.doc.Document;
import io.winnow.core.step.Filter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Gopher's repetition rules (Rae et al. 2021, table A1; datatrove's definitions): duplicate
 * paragraphs and lines by count and by characters, the character share of the most frequent
 * 2-4-gram, and of all repeated 5-10-grams. Fractions of characters are over the whole text.
 */
public final class GopherRepetitionFilter extends Filter {
    public static final class Params {
        public double dupLineFrac = 0.3;
        public double dupParaFrac = 0.3;
        public double dupLineCharFrac = 0.2;
        public double dupParaCharFrac = 0.2;
        /** Pairs [n, max fraction] for the most frequent n-gram. */
        public List<List<Double>> topNGrams = List.of(List.of(2.0, 0.20), List.of(3.0, 0.18), List.of(4.0, 0.16));
        /** Pairs [n, max fraction] for all repeated n-grams. */
        public List<List<Double>> dupNGrams = List.of(List.of(5.0, 0.15), List.of(6.0, 0.14), List.of(7.0, 0.13),
                List.of(8.0, 0.12), List.of(9.0, 0.11), List.of(10.0, 0.10));
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "gopher_repetition"; }
        @Override public String description() { return "Gopher repetition rules: duplicate lines/paragraphs, top and duplicated n-gram char fractions"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new GopherRepetitionFilter(name, p); }
    }

    private static final Pattern PARAGRAPHS = Pattern.compile("\n{2,}");
    private static final Pattern LINES = Pattern.compile("\n+");
    private final Params p;

    public GopherRepetitionFilter(String name, Params p) {
        super(name);
        this.p = p;
    }

    @Override
    protected String check(Document doc) {
        String text = doc.text();
        int len = text.length();
        if (len == 0) return null;
        List<String> paragraphs = Arrays.asList(PARAGRAPHS.split(text.strip()));
        long[] dp = TextStats.duplicates(paragraphs);
        if (dp[0] / (double) paragraphs.size() > p.dupParaFrac) return "dup_para_frac";
        if (dp[1] / (double) len > p.dupParaCharFrac) return "dup_para_char_frac";
        List<String> lines = Arrays.asList(LINES.split(text));
        long[] dl = TextStats.duplicates(lines);
        if (dl[0] / (double) lines.size() > p.dupLineFrac) return "dup_line_frac";
        if (dl[1] / (double) len > p.dupLineCharFrac) return "dup_line_char_frac";
        TextStats.WordHashes words = new TextStats.WordHashes(Words.split(text, Scripts.isCjkDocument(doc.lang(), text)));
        for (List<Double> nf : p.topNGrams) {
            int n = nf.get(0).intValue();
            if (TextStats.topNgramChars(words, n) / (double) len > nf.get(1)) return "top_" + n + "_gram";
        }
        for (List<Double> nf : p.dupNGrams) {
            int n = nf.get(0).intValue();
            if (TextStats.duplicatedNgramChars(words, n) / (double) len > nf.get(1)) return "duplicated_" + n + "_n_grams";
        }
        return null;
    }
}
