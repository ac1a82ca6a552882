package io.winnow.dedup.shingle;

import io.winnow.dedup.hash.Hash64;
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
 * Cuts normalized text into words with Lucene and hands out a 64-bit hash per word. The
 * tokenizers are reused across documents; one instance per thread.
 */
public final class WordSegmenter {
    /** Seed of word hashes. */
    static final long WORD_SEED = 0x574F5244L;

    private final Segmenter mode;
    private StandardTokenizer standard;
    private CharTermAttribute standardTerm;
    private ICUTokenizer icu;
    private CharTermAttribute icuTerm;

    public WordSegmenter(Segmenter mode) {
        this.mode = mode;
    }

    /** Appends the hash of every word of {@code text} to {@code out}. */
    public void hashes(String text, LongBuffer out) {
        switch (pick(text)) {
            case WHITESPACE -> whitespace(text, out);
            case ICU -> lucene(icu(), icuTerm, text, out, null);
            default -> lucene(standard(), standardTerm, text, out, null);
        }
    }

    /** The words themselves (for tests and explanations). */
    public List<String> words(String text) {
        List<String> words = new ArrayList<>();
        LongBuffer ignored = new LongBuffer(16);
        switch (pick(text)) {
            case WHITESPACE -> {
                for (String w : text.split("\\s+")) if (!w.isEmpty()) words.add(w);
            }
            case ICU -> lucene(icu(), icuTerm, text, ignored, words);
            default -> lucene(standard(), standardTerm, text, ignored, words);
        }
        return words;
    }

    /** The segmenter used for this text (AUTO resolved). */
    public Segmenter pick(String text) {
        if (mode != Segmenter.AUTO) return mode;
        return needsDictionary(text) ? Segmenter.ICU : Segmenter.STANDARD;
    }

    /** Whether the text has a character of a script written without spaces between words. */
    static boolean needsDictionary(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x0E00) continue; // below Thai: Latin, Greek, Cyrillic, Arabic, Indic...
            int cp = Character.codePointAt(text, i);
            Character.UnicodeScript s = Character.UnicodeScript.of(cp);
            switch (s) {
                case HAN, HIRAGANA, KATAKANA, THAI, LAO, KHMER, MYANMAR:
                    return true;
                default:
                    break;
            }
        }
        return false;
    }

    private StandardTokenizer standard() {
        if (standard == null) {
            standard = new StandardTokenizer();
            standardTerm = standard.addAttribute(CharTermAttribute.class);
        }
        return standard;
    }

    private ICUTokenizer icu() {
        if (icu == null) {
            icu = new ICUTokenizer();
            icuTerm = icu.addAttribute(CharTermAttribute.class);
        }
        return icu;
    }

    private static void lucene(Tokenizer t, CharTermAttribute term, String text, LongBuffer out, List<String> words) {
        try {
            t.setReader(new StringReader(text));
            t.reset();
            while (t.incrementToken()) {
                out.add(Hash64.chars(term.buffer(), 0, term.length(), WORD_SEED));
                if (words != null) words.add(term.toString());
            }
            t.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        } finally {
            try {
                t.close();
            } catch (IOException ignored) {
                // nothing to release for a StringReader
            }
        }
    }

    private static void whitespace(String text, LongBuffer out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) i++;
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) i++;
            if (i > start) out.add(Hash64.chars(text, start, i, WORD_SEED));
        }
    }
}
