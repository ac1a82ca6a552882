package io.winnow.clean.quality;

import io.winnow.clean.text.Punctuation;
import io.winnow.clean.text.Scripts;
import io.winnow.clean.text.Words;
import io.winnow.core.doc.Document;
import io.winnow.core.step.Filter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import java.util.List;

/**
 * FineWeb's document rules (Penedo et al. 2024; datatrove's FineWebQualityFilter): share of lines
 * ending in terminal punctuation, share of short lines, characters in duplicated lines, and
 * newlines per word. CJK documents count a line as short below {@code cjk_short_line_length}
 * characters: one CJK character carries about what three Latin letters do, so 30 Latin
 * characters (5-6 English words) correspond to about 10 Chinese characters.
 */
public final class FineWebQualityFilter extends Filter {
    public static final class Params {
        public double linePunctThr = 0.12;
        public boolean linePunctExcludeZero = false;
        public double shortLineThr = 0.67;
        public int shortLineLength = 30;
        public int cjkShortLineLength = 10;
        public double charDuplicatesRatio = 0.01;
        public double newLineRatio = 0.3;
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "fineweb_quality"; }
        @Override public String description() { return "FineWeb rules: line punctuation, short lines, duplicated-line chars, newlines per word"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new FineWebQualityFilter(name, p); }
    }

    private final Params p;

    public FineWebQualityFilter(String name, Params p) {
        super(name);
        this.p = p;
    }

    @Override
    protected String check(Document doc) {
        String text = doc.text();
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) return "empty";
        boolean cjk = Scripts.isCjkDocument(doc.lang(), text);
        double punct = lines.stream().filter(Punctuation::endsWithTerminal).count() / (double) lines.size();
        if (punct < p.linePunctThr && !(punct == 0 && p.linePunctExcludeZero)) return "line_punct_ratio";
        int shortLen = cjk ? p.cjkShortLineLength : p.shortLineLength;
        double shortShare = lines.stream().filter(l -> TextStats.codePoints(l) <= shortLen).count() / (double) lines.size();
        if (shortShare > p.shortLineThr) return "short_line_ratio";
        int chars = text.length() - GopherQualityFilter.count(text, "\n");
        if (chars > 0 && TextStats.duplicates(lines)[1] / (double) chars > p.charDuplicatesRatio) return "char_dup_ratio";
        List<String> words = Words.split(text, cjk);
        if (words.isEmpty() || GopherQualityFilter.count(text, "\n") / (double) words.size() > p.newLineRatio) return "list_ratio";
        return null;
    }
}
