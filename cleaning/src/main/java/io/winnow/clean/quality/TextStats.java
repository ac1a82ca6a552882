package io.winnow.clean.quality;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
     */
    static long topNgramChars(List<String> words, int n) {
        if (words.size() < n) return 0;
        Map<String, Integer> counts = new HashMap<>();
        String best = null;
        int bestCount = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + n <= words.size(); i++) {
            sb.setLength(0);
            for (int k = 0; k < n; k++) {
                if (k > 0) sb.append(' ');
                sb.append(words.get(i + k));
            }
            String g = sb.toString();
            int c = counts.merge(g, 1, Integer::sum);
            // ties go to the n-gram seen first, as Counter.most_common does
            if (c > bestCount) {
                bestCount = c;
                best = g;
            }
        }
        return best == null || bestCount < 2 ? 0 : (long) best.length() * bestCount;
    }

    /**
     * Chars in repeated word n-grams (words concatenated): scanning left to right, an n-gram seen
     * before counts its length and the scan jumps past it; otherwise the scan moves one word.
     */
    static long duplicatedNgramChars(List<String> words, int n) {
        Set<String> seen = new HashSet<>();
        long repeated = 0;
        int i = 0;
        StringBuilder sb = new StringBuilder();
        while (i < words.size() - n + 1) {
            sb.setLength(0);
            for (int k = 0; k < n; k++) sb.append(words.get(i + k));
            String g = sb.toString();
            if (seen.contains(g)) {
                repeated += g.length();
                i += n;
            } else {
                seen.add(g);
                i++;
            }
        }
        return repeated;
    }

    static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }
}
