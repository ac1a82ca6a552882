package io.winnow.dedup.shingle;

import io.winnow.dedup.hash.Hash64;
import java.util.Arrays;

/**
 * Turns a document's text into the 64-bit hashes of its shingles (n-grams of words or of
 * characters), after {@link ShingleNormalizer normalization}. Reuses its buffers across documents
 * and allocates nothing per shingle; one instance per thread.
 *
 * <p>A text with fewer than n units but at least one gives a single shingle made of all of them,
 * so short copies still match each other; a text with none (empty after normalization) gives no
 * shingle and is never a duplicate. Word and character shingles hash into separate spaces.
 */
public final class Shingler {
    private static final long WORD_NGRAM_SEED = 0x57474E47L;
    private static final long CHAR_NGRAM_SEED = 0x43474E47L;

    private final ShingleSpec spec;
    private final ShingleNormalizer normalizer;
    private final WordSegmenter segmenter;
    private final LongBuffer words = new LongBuffer(1024);
    private int[] cps = new int[1024];
    private String lastNormalized = "";
    private ShingleSpec.Unit lastUnit = ShingleSpec.Unit.WORD;

    Shingler(ShingleSpec spec) {
        this.spec = spec;
        this.normalizer = new ShingleNormalizer(spec.normalize());
        this.segmenter = new WordSegmenter(spec.segmenter());
    }

    public ShingleSpec spec() { return spec; }

    /**
     * Clears {@code out} and fills it with the hashes of the text's shingles, in text order
     * (repeats included); returns how many.
     */
    public int shingle(String text, LongBuffer out) {
        out.clear();
        String norm = normalizer.normalize(text == null ? "" : text);
        lastNormalized = norm;
        ShingleSpec.Unit unit = spec.unit();
        if (unit == ShingleSpec.Unit.AUTO) unit = isCjk(norm) ? ShingleSpec.Unit.CHAR : ShingleSpec.Unit.WORD;
        lastUnit = unit;
        if (unit == ShingleSpec.Unit.WORD) {
            words.clear();
            segmenter.hashes(norm, words);
            ngrams(words.array(), words.size(), spec.size(), out);
        } else {
            int n = codePoints(norm);
            int size = spec.unit() == ShingleSpec.Unit.AUTO ? spec.cjkSize() : spec.size();
            long seed = CHAR_NGRAM_SEED + size;
            if (n >= size) {
                for (int i = 0; i + size <= n; i++) out.add(Hash64.ints(cps, i, size, seed));
            } else if (n > 0) {
                out.add(Hash64.ints(cps, 0, n, seed));
            }
        }
        return out.size();
    }

    /** The normalized text of the last document shingled. */
    public String lastNormalized() { return lastNormalized; }

    /** The unit used for the last document (auto resolved). */
    public ShingleSpec.Unit lastUnit() { return lastUnit; }

    private static void ngrams(long[] w, int count, int n, LongBuffer out) {
        long seed = WORD_NGRAM_SEED + n;
        if (count >= n) {
            for (int i = 0; i + n <= count; i++) out.add(Hash64.longs(w, i, n, seed));
        } else if (count > 0) {
            out.add(Hash64.longs(w, 0, count, seed));
        }
    }

    /** Code points of the text without whitespace, into {@link #cps}; returns how many. */
    private int codePoints(String s) {
        if (cps.length < s.length()) cps = Arrays.copyOf(cps, Math.max(s.length(), cps.length * 2));
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isWhitespace(cp)) cps[n++] = cp;
        }
        return n;
    }

    /** At least {@link ShingleSpec#CJK_RATIO} of the non-space characters are Han, kana or hangul. */
    public static boolean isCjk(String s) {
        int cjk = 0;
        int total = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp)) continue;
            total++;
            if (cp >= 0x1100) {
                Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
                if (sc == Character.UnicodeScript.HAN || sc == Character.UnicodeScript.HIRAGANA
                        || sc == Character.UnicodeScript.KATAKANA || sc == Character.UnicodeScript.HANGUL) cjk++;
            }
        }
        return total > 0 && cjk >= ShingleSpec.CJK_RATIO * total;
    }
}
