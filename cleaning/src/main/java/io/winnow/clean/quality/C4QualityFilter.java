package io.winnow.clean.quality;

import io.winnow.clean.sentence.Sentences;
import io.winnow.clean.text.Punctuation;
import io.winnow.clean.text.Scripts;
import io.winnow.clean.text.Words;
import io.winnow.core.doc.Document;
import io.winnow.core.doc.Utf8;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * C4's rules (Raffel et al. 2020; datatrove's C4QualityFilter defaults): line removals (too long
 * a word, no terminal punctuation, too few words, "javascript", policy/cookie notices, citation
 * marks stripped) and document drops (lorem ipsum, a curly bracket, too few sentences). Lines are
 * stripped and re-joined with newlines, as C4 does. FineWeb turns the terminal-punctuation rule
 * off ({@code filter_no_terminal_punct: false}). In CJK documents words are ICU segments and
 * full-width {@code 。！？} end sentences. Counters report lines and bytes removed per rule.
 */
public final class C4QualityFilter implements Step {
    public static final class Params {
        public boolean splitParagraph = true;
        public boolean removeCitations = true;
        public boolean filterNoTerminalPunct = true;
        public int minNumSentences = 5;
        public int minWordsPerLine = 3;
        public int maxWordLength = 1000;
        public boolean filterLoremIpsum = true;
        public boolean filterJavascript = true;
        public boolean filterCurlyBracket = true;
        public boolean filterPolicy = true;
        public List<String> policySubstrings = List.of("terms of use", "privacy policy", "cookie policy",
                "uses cookies", "use of cookies", "use cookies");
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "c4_quality"; }
        @Override public String description() { return "C4 rules: remove lines (punctuation, short, javascript, policy, citations); drop lorem ipsum, '{', few sentences"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new C4QualityFilter(name, p); }
    }

    private static final Pattern CITATION = Pattern.compile("\\[\\d*]|\\[edit]|\\[citation needed]");
    private final String name;
    private final Params p;

    public C4QualityFilter(String name, Params p) {
        this.name = name;
        this.p = p;
    }

    @Override
    public String name() { return name; }

    @Override
    public void process(Document doc, Emitter out) {
        boolean cjk = Scripts.isCjkDocument(doc.lang(), doc.text());
        List<String> lines = p.splitParagraph ? doc.text().lines().toList() : List.of(doc.text());
        List<String> kept = new ArrayList<>();
        int sentences = 0;
        for (String raw : lines) {
            String line = raw.strip();
            List<String> words = cjk ? Words.split(line, true) : List.of(line.isEmpty() ? new String[0] : line.split("\\s+"));
            if (p.maxWordLength >= 0 && words.stream().anyMatch(w -> w.length() > p.maxWordLength)) {
                removed(out, "too_long_word", raw);
                continue;
            }
            if (p.removeCitations) line = CITATION.matcher(line).replaceAll("");
            if (p.filterNoTerminalPunct && (!Punctuation.endsWithTerminal(line) || line.endsWith("..."))) {
                removed(out, "no_terminal_punct", raw);
                continue;
            }
            if (words.size() < p.minWordsPerLine) {
                removed(out, "too_few_words", raw);
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            if (p.filterLoremIpsum && lower.contains("lorem ipsum")) {
                out.reject(doc, "lorem_ipsum");
                return;
            }
            if (p.filterJavascript && lower.contains("javascript")) {
                removed(out, "javascript", raw);
                continue;
            }
            if (p.filterCurlyBracket && line.indexOf('{') >= 0) {
                out.reject(doc, "curly_bracket");
                return;
            }
            if (p.filterPolicy && p.policySubstrings.stream().anyMatch(lower::contains)) {
                removed(out, "policy", raw);
                continue;
            }
            if (p.minNumSentences >= 0) sentences += p.splitParagraph ? Sentences.split(line, doc.lang()).size() : 1;
            kept.add(line);
        }
        if (sentences < p.minNumSentences) {
            out.reject(doc, "too_few_sentences");
            return;
        }
        doc.text(String.join(p.splitParagraph ? "\n" : " ", kept).strip());
        out.emit(doc);
    }

    private static void removed(Emitter out, String rule, String line) {
        out.count("lines_removed:" + rule, 1);
        out.count("bytes_removed:" + rule, Utf8.length(line) + 1);
    }
}
