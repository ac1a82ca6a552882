package io.winnow.clean.text;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Words as the quality rules count them: Lucene's StandardTokenizer (UAX #29 word boundaries) for
 * space-delimited text, ICUTokenizer (dictionary segmentation of Chinese and Japanese, UAX #29
 * elsewhere) for CJK text. Punctuation is never a word. Tokenizers are reused per thread.
 */
public final class Words {
    private static final ThreadLocal<Tokenizer> STANDARD = ThreadLocal.withInitial(() -> {
        StandardTokenizer t = new StandardTokenizer();
        t.setMaxTokenLength(1000); // C4's max_word_length; Lucene's default of 255 would split longer words
        return t;
    });
    private static final ThreadLocal<Tokenizer> ICU = ThreadLocal.withInitial(ICUTokenizer::new);

    /** Last result per thread: consecutive rules usually ask for the words of the same text. */
    private record Last(String text, boolean cjk, List<String> words) {}

    private static final ThreadLocal<Last> LAST = new ThreadLocal<>();

    private Words() {}

    /** The words of {@code text}; the list is shared, do not modify it. */
    public static List<String> split(String text, boolean cjk) {
        Last last = LAST.get();
        if (last != null && last.text == text && last.cjk == cjk) return last.words;
        List<String> words = java.util.Collections.unmodifiableList(tokenize(text, cjk));
        LAST.set(new Last(text, cjk, words));
        return words;
    }

    private static List<String> tokenize(String text, boolean cjk) {
        List<String> out = new ArrayList<>();
        Tokenizer t = (cjk ? ICU : STANDARD).get();
        CharTermAttribute term = t.addAttribute(CharTermAttribute.class);
        try {
            t.setReader(new StringReader(text));
            t.reset();
            while (t.incrementToken()) out.add(term.toString());
            t.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        } finally {
            try {
                t.close();
            } catch (IOException ignored) {
                // closing a tokenizer over a StringReader does not fail
            }
        }
        return out;
    }
}
