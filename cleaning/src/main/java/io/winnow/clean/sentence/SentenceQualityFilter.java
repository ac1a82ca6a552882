package io.winnow.clean.sentence;

import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.doc.Utf8;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Baichuan 2's sentence-wise quality filter: splits each line into sentences (ICU, per language)
 * and drops noise sentences — too short, mostly symbols or digits, nothing but URLs or e-mail
 * addresses, boilerplate phrases, or a repeat of an earlier sentence of the same document — then
 * rebuilds the text with its line structure and drops the document if too little is left.
 * Lines that look like code (indented, or ending in {@code ; { }}) are left alone. Counters give
 * sentences and bytes removed per rule.
 */
public final class SentenceQualityFilter implements Step {
    public static final class Params implements Config.Validatable {
        /** Sentences with fewer non-space characters are dropped. */
        public int minSentenceChars = 2;
        /** Drop a sentence when more than this share of its non-space characters are not letters. */
        public double maxNonLetterRatio = 0.6;
        public boolean dropUrlOnly = true;
        public boolean dropRepeated = true;
        /** Case-insensitive regular expressions; a sentence matching one is boilerplate. */
        public List<String> boilerplate = List.of(
                "^\\W*(copyright|©|\\(c\\))\\s*\\d{4}", "all rights reserved", "click here", "read more\\W*$",
                "^\\W*(share|tweet|like) (this|on)\\b", "subscribe to (our|the) newsletter", "powered by \\w+\\W*$",
                "版权所有", "保留所有权利", "点击(这里|此处|查看|进入)", "上一(页|篇)", "下一(页|篇)", "返回(顶部|首页)",
                "著作権", "無断転載");
        /** Documents with fewer non-space characters left are dropped. */
        public int minDocChars = 20;
        public boolean skipCodeLines = true;

        @Override
        public void validate() {
            for (String b : boilerplate) Pattern.compile(b);
        }
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "sentence_quality"; }
        @Override public String description() { return "drop noise sentences (short, symbols, URL-only, boilerplate, repeated); drop docs with too little left"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new SentenceQualityFilter(name, p); }
    }

    private static final Pattern URL_OR_EMAIL = Pattern.compile(
            "(?i)\\b(?:https?://|ftp://|www\\.)\\S+|\\b[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+\\b");
    private final String name;
    private final Params p;
    private final List<Pattern> boilerplate = new ArrayList<>();

    public SentenceQualityFilter(String name, Params p) {
        this.name = name;
        this.p = p;
        for (String b : p.boilerplate) boilerplate.add(Pattern.compile(b, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    @Override
    public String name() { return name; }

    @Override
    public void process(Document doc, Emitter out) {
        Set<String> seen = new HashSet<>();
        StringBuilder sb = new StringBuilder(doc.text().length());
        boolean changed = false;
        for (String line : doc.text().split("\n", -1)) {
            if (line.isBlank() || (p.skipCodeLines && looksLikeCode(line))) {
                sb.append(line).append('\n');
                continue;
            }
            StringBuilder kept = new StringBuilder(line.length());
            for (String s : Sentences.split(line, doc.lang())) {
                String rule = rule(s, seen);
                if (rule == null) {
                    kept.append(s);
                } else {
                    changed = true;
                    out.count("sentences_removed:" + rule, 1);
                    out.count("bytes_removed:" + rule, Utf8.length(s));
                }
            }
            String k = kept.toString().stripTrailing();
            if (!k.isBlank()) sb.append(k).append('\n');
        }
        if (changed) doc.text(sb.toString().strip());
        if (nonSpace(doc.text()) < p.minDocChars) {
            out.reject(doc, "too_little_left");
            return;
        }
        out.emit(doc);
    }

    /** The rule a sentence breaks, or null. */
    String rule(String sentence, Set<String> seen) {
        String s = sentence.strip();
        int chars = nonSpace(s);
        if (chars < p.minSentenceChars) return "too_short";
        long letters = s.codePoints().filter(Character::isLetter).count();
        if (1.0 - letters / (double) chars > p.maxNonLetterRatio) return "symbols_or_digits";
        if (p.dropUrlOnly && URL_OR_EMAIL.matcher(s).find()
                && URL_OR_EMAIL.matcher(s).replaceAll("").codePoints().noneMatch(Character::isLetter)) {
            return "url_or_email_only";
        }
        for (Pattern b : boilerplate) if (b.matcher(s).find()) return "boilerplate";
        if (p.dropRepeated && !seen.add(s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "))) return "repeated";
        return null;
    }

    static boolean looksLikeCode(String line) {
        if (line.startsWith("\t") || line.startsWith("    ")) return true;
        String t = line.stripTrailing();
        return t.endsWith(";") || t.endsWith("{") || t.endsWith("}");
    }

    static int nonSpace(String s) {
        return (int) s.codePoints().filter(cp -> !Character.isWhitespace(cp)).count();
    }
}
