package io.winnow.safety.classify;

import io.winnow.core.util.StringHash;
import io.winnow.safety.text.Fold;
import io.winnow.safety.text.Scripts;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.ArrayList;
import java.util.List;

/**
 * Hashed word and character n-gram features, fastText style. Text is folded (case, full-width);
 * tokens are words of space-delimited scripts and single characters of CJK, Thai and similar
 * scripts (so word bigrams of Chinese text are character bigrams). Features are word n-grams up to
 * {@code wordNgrams} and the character n-grams of each word with {@code <} and {@code >} marking its
 * ends ({@code <sp}, {@code spa}, ... {@code am>}). Each is hashed into {@code buckets}; a vector
 * holds {@code 1 + ln(count)} per bucket, scaled to unit length.
 */
public final class HashedFeatures {
    private final FeatureSettings s;
    private final int mask;

    public HashedFeatures(FeatureSettings s) {
        this.s = s;
        this.mask = s.buckets() - 1;
    }

    public FeatureSettings settings() { return s; }

    /** The tokens of a text (folded), at most {@code maxTokens}. */
    List<String> tokens(String text) {
        char[] f = Fold.foldToArray(text);
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < f.length && out.size() < s.maxTokens()) {
            int cp = Character.codePointAt(f, i);
            int len = Character.charCount(cp);
            if (Scripts.isUnspaced(cp)) {
                out.add(new String(f, i, len));
                i += len;
            } else if (Scripts.isSpacedWordChar(cp)) {
                int j = i + len;
                while (j < f.length) {
                    int c2 = Character.codePointAt(f, j);
                    if (!Scripts.isSpacedWordChar(c2)) break;
                    j += Character.charCount(c2);
                }
                out.add(new String(f, i, j - i));
                i = j;
            } else {
                i += len;
            }
        }
        return out;
    }

    public SparseVector vector(String text) {
        List<String> toks = tokens(text);
        int[] ids = new int[16];
        int n = 0;
        long[] th = new long[toks.size()];
        for (int t = 0; t < toks.size(); t++) {
            String w = toks.get(t);
            th[t] = hash(w, 0x51ED27L);
            ids = add(ids, n++, th[t]);
            for (int k = 2; k <= s.wordNgrams() && t - k + 1 >= 0; k++) {
                long h = 0x9E3779B97F4A7C15L * k;
                for (int q = t - k + 1; q <= t; q++) h = mix(h * 31 + th[q]);
                ids = add(ids, n++, h);
            }
            if (s.minChars() > 0 && w.length() > 1 && !Scripts.isUnspaced(w.codePointAt(0))) {
                String marked = "<" + w + ">";
                for (int a = 0; a < marked.length(); a++) {
                    for (int len = s.minChars(); len <= s.maxChars() && a + len <= marked.length(); len++) {
                        if (len == marked.length()) continue; // the whole word is already a feature
                        ids = add(ids, n++, hash(marked, a, a + len, 0xC4A2L));
                    }
                }
            }
        }
        return normalize(ids, n);
    }

    private int[] add(int[] ids, int at, long h) {
        if (at == ids.length) ids = java.util.Arrays.copyOf(ids, ids.length * 2);
        ids[at] = (int) (h & mask);
        return ids;
    }

    private static SparseVector normalize(int[] ids, int n) {
        if (n == 0) return new SparseVector(new int[0], new float[0]);
        IntArrays.quickSort(ids, 0, n);
        int distinct = 1;
        for (int i = 1; i < n; i++) if (ids[i] != ids[i - 1]) distinct++;
        int[] idx = new int[distinct];
        float[] val = new float[distinct];
        int d = 0;
        int run = 1;
        for (int i = 1; i <= n; i++) {
            if (i < n && ids[i] == ids[i - 1]) {
                run++;
                continue;
            }
            idx[d] = ids[i - 1];
            val[d] = (float) (1 + Math.log(run));
            d++;
            run = 1;
        }
        double norm = 0;
        for (float v : val) norm += v * v;
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < val.length; i++) val[i] *= inv;
        return new SparseVector(idx, val);
    }

    static long hash(String s, long seed) {
        return hash(s, 0, s.length(), seed);
    }

    static long hash(String s, int from, int to, long seed) {
        return StringHash.hash64(s, from, to, seed);
    }

    static long mix(long h) {
        return StringHash.fmix64(h);
    }
}
