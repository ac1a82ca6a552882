package io.winnow.clean.quality;

import io.winnow.core.util.StringHash;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Counting helpers shared by the Gopher and FineWeb rules (definitions follow datatrove's). */
final class TextStats {
    private TextStats() {}

    /** [number of elements seen before, total chars of those repeats]: later copies count, first ones do not. */
    static long[] duplicates(List<String> items) {
        Set<String> seen = new HashSet<>();
        long dupElements = 0;
        long dupChars = 0;
        for (String s : items) {
            if (!seen.add(s)) {
                dupElements++;
                dupChars += s.length();
            }
        }
        return new long[] {dupElements, dupChars};
    }

    /**
     * Chars covered by the most frequent word n-gram (words joined by one space) times its count,
     * or 0 when no n-gram occurs twice. (datatrove also counts an n-gram that occurs once, which
     * rejects every short document as "repetitive"; Gopher defines the rule on duplicated n-grams.)
     * N-grams are compared by a 64-bit hash of their words' hashes: no string is built per n-gram.
     */
    static long topNgramChars(List<String> words, int n) {
        return topNgramChars(new WordHashes(words), n);
    }

    static long topNgramChars(WordHashes w, int n) {
        if (w.size() < n) return 0;
        Long2IntOpenHashMap counts = new Long2IntOpenHashMap();
        int bestCount = 0;
        long bestChars = 0;
        for (int i = 0; i + n <= w.size(); i++) {
            int c = counts.addTo(w.ngram(i, n), 1) + 1;
            // ties go to the n-gram seen first, as Counter.most_common does
            if (c > bestCount) {
                bestCount = c;
                bestChars = w.chars(i, n) + (n - 1);
            }
        }
        return bestCount < 2 ? 0 : bestChars * bestCount;
    }

    /**
     * Chars in repeated word n-grams (words concatenated): scanning left to right, an n-gram seen
     * before counts its length and the scan jumps past it; otherwise the scan moves one word.
     */
    static long duplicatedNgramChars(List<String> words, int n) {
        return duplicatedNgramChars(new WordHashes(words), n);
    }

    static long duplicatedNgramChars(WordHashes w, int n) {
        LongOpenHashSet seen = new LongOpenHashSet();
        long repeated = 0;
        int i = 0;
        while (i < w.size() - n + 1) {
            long g = w.ngram(i, n);
            if (!seen.add(g)) {
                repeated += w.chars(i, n);
                i += n;
            } else {
                i++;
            }
        }
        return repeated;
    }

    /** Per-word hashes and lengths of one document, computed once for all n. */
    static final class WordHashes {
        private final long[] hash;
        private final int[] len;

        WordHashes(List<String> words) {
            hash = new long[words.size()];
            len = new int[words.size()];
            for (int i = 0; i < hash.length; i++) {
                String w = words.get(i);
                hash[i] = StringHash.hash64(w);
                len[i] = w.length();
            }
        }

        int size() { return hash.length; }

        long ngram(int start, int n) {
            long h = n;
            for (int k = 0; k < n; k++) h = h * 0x9E3779B97F4A7C15L + hash[start + k];
            return h ^ (h >>> 29);
        }

        long chars(int start, int n) {
            long c = 0;
            for (int k = 0; k < n; k++) c += len[start + k];
            return c;
        }
    }

    static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }
}
