package io.winnow.clean.quality;

import io.winnow.clean.text.Scripts;
import io.winnow.clean.text.Words;
import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.step.Filter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gopher's quality rules (Rae et al. 2021, appendix A; thresholds as datatrove publishes them).
 * Words are Lucene tokens (punctuation is never a word). CJK documents use character lengths
 * instead of word counts, skip the mean-word-length rule (segmented Chinese words are 1-4
 * characters by nature), and count function words of their own language as stop words.
 */
public final class GopherQualityFilter extends Filter {
    public static final class Params implements Config.Validatable {
        public int minDocWords = 50;
        public int maxDocWords = 100_000;
        public double minAvgWordLength = 3;
        public double maxAvgWordLength = 10;
        public double maxSymbolWordRatio = 0.1;
        public double maxBulletLinesRatio = 0.9;
        public double maxEllipsisLinesRatio = 0.3;
        public double maxNonAlphaWordsRatio = 0.8;
        public int minStopWords = 2;
        public List<String> stopWords = List.of("the", "be", "to", "of", "and", "that", "have", "with");
        /** CJK: 50 words at ~1.6 characters per segmented Chinese word. */
        public int cjkMinDocChars = 80;
        /** CJK: 100,000 words at ~1.6 characters per word. */
        public int cjkMaxDocChars = 160_000;
        /**
         * Function words that running text in the language contains and keyword lists, menus and
         * tables do not. zh: the eight most frequent modern function characters (的 了 是 在 和 有 不 这)
         * plus five classical ones (之 其 而 以 也) so classical prose and poetry pass too;
         * ja: particles and auxiliaries; ko: particles. Counted as characters (zh, ja) or as
         * tokens (ko), because segmentation may glue them to neighbours.
         */
        public Map<String, List<String>> cjkStopWords = Map.of(
                "zh", List.of("的", "了", "是", "在", "和", "有", "不", "这", "之", "其", "而", "以", "也"),
                "ja", List.of("の", "は", "が", "を", "に", "て", "た", "で", "と", "も"),
                "ko", List.of("이", "가", "은", "는", "을", "를", "에", "의", "도", "고"));

        @Override
        public void validate() {
            if (maxDocWords < minDocWords) throw new IllegalArgumentException("max_doc_words must be >= min_doc_words");
            if (maxAvgWordLength < minAvgWordLength) throw new IllegalArgumentException("max_avg_word_length must be >= min_avg_word_length");
        }
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "gopher_quality"; }
        @Override public String description() { return "Gopher quality rules: length, word length, symbols, bullets, ellipses, alphabetic words, stop words"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new GopherQualityFilter(name, p); }
    }

    private final Params p;
    private final Set<String> stopWords = new HashSet<>();

    public GopherQualityFilter(String name, Params p) {
        super(name);
        this.p = p;
        for (String w : p.stopWords) stopWords.add(w.toLowerCase(Locale.ROOT));
    }

    @Override
    protected String check(Document doc) {
        String text = doc.text();
        boolean cjk = Scripts.isCjkDocument(doc.lang(), text);
        List<String> words = Words.split(text, cjk);
        int n = words.size();
        if (cjk) {
            int chars = nonSpaceCodePoints(text);
            if (chars < p.cjkMinDocChars) return "short_doc";
            if (chars > p.cjkMaxDocChars) return "long_doc";
        } else {
            if (n < p.minDocWords) return "short_doc";
            if (n > p.maxDocWords) return "long_doc";
            double avg = words.stream().mapToInt(TextStats::codePoints).average().orElse(0);
            if (avg < p.minAvgWordLength) return "below_avg_word_length";
            if (avg > p.maxAvgWordLength) return "above_avg_word_length";
        }
        if (n == 0) return "no_words";
        if (count(text, "#") / (double) n > p.maxSymbolWordRatio) return "too_many_hashes";
        if ((count(text, "...") + count(text, "…")) / (double) n > p.maxSymbolWordRatio) return "too_many_ellipsis";
        List<String> lines = text.lines().toList();
        if (!lines.isEmpty()) {
            long bullets = lines.stream().map(String::stripLeading).filter(l -> l.startsWith("•") || l.startsWith("-")).count();
            if (bullets / (double) lines.size() > p.maxBulletLinesRatio) return "too_many_bullets";
            long ellipsis = lines.stream().map(String::stripTrailing).filter(l -> l.endsWith("...") || l.endsWith("…")).count();
            if (ellipsis / (double) lines.size() > p.maxEllipsisLinesRatio) return "too_many_end_ellipsis";
        }
        long alpha = words.stream().filter(GopherQualityFilter::hasLetter).count();
        if (alpha / (double) n < p.maxNonAlphaWordsRatio) return "below_alpha_threshold";
        if (p.minStopWords > 0 && stopWordCount(doc.lang(), text, words, cjk) < p.minStopWords) return "not_enough_stop_words";
        return null;
    }

    private long stopWordCount(String lang, String text, List<String> words, boolean cjk) {
        if (!cjk) return words.stream().filter(w -> stopWords.contains(w.toLowerCase(Locale.ROOT))).count();
        String l = lang == null ? "" : lang.toLowerCase(Locale.ROOT);
        if (l.startsWith("ko")) {
            Set<String> ko = new HashSet<>(p.cjkStopWords.getOrDefault("ko", List.of()));
            return words.stream().filter(ko::contains).count();
        }
        List<String> list = l.startsWith("ja") ? p.cjkStopWords.getOrDefault("ja", List.of())
                : l.startsWith("zh") ? p.cjkStopWords.getOrDefault("zh", List.of())
                : concat(p.cjkStopWords.getOrDefault("zh", List.of()), p.cjkStopWords.getOrDefault("ja", List.of()));
        long c = 0;
        for (String s : list) c += count(text, s);
        return c;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static boolean hasLetter(String w) {
        return w.codePoints().anyMatch(Character::isLetter);
    }

    static int count(String text, String needle) {
        int c = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) c++;
        return c;
    }

    static int nonSpaceCodePoints(String s) {
        return (int) s.codePoints().filter(cp -> !Character.isWhitespace(cp)).count();
    }
}
