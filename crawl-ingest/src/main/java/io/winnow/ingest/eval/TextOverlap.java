package io.winnow.ingest.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Precision and recall of extracted text against a reference text, script-fair: the texts are cut
 * into tokens (each CJK character is a token, other scripts give runs of letters and digits;
 * punctuation, markup residue and line breaks are ignored) and compared as bags, so wrapping,
 * block separators and table borders do not matter. Lines are compared the same way on
 * whitespace-collapsed non-empty lines, for a stricter view.
 */
public final class TextOverlap {
    private TextOverlap() {}

    /** Matched tokens (or lines) and the two totals. */
    public record Score(long matched, long extracted, long reference) {
        public double precision() { return extracted == 0 ? 0 : (double) matched / extracted; }
        public double recall() { return reference == 0 ? 0 : (double) matched / reference; }
        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
        public Score plus(Score o) {
            return new Score(matched + o.matched, extracted + o.extracted, reference + o.reference);
        }
        public static final Score ZERO = new Score(0, 0, 0);
    }

    public static Score tokens(String extracted, String reference) {
        return bags(tokenize(extracted), tokenize(reference));
    }

    public static Score lines(String extracted, String reference) {
        return bags(lineList(extracted), lineList(reference));
    }

    private static Score bags(List<String> e, List<String> r) {
        Map<String, Integer> ref = new HashMap<>();
        for (String t : r) ref.merge(t, 1, Integer::sum);
        long match = 0;
        for (String t : e) {
            Integer c = ref.get(t);
            if (c != null && c > 0) {
                match++;
                ref.put(t, c - 1);
            }
        }
        return new Score(match, e.size(), r.size());
    }

    public static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isCjk(cp)) {
                if (w.length() > 0) {
                    out.add(w.toString());
                    w.setLength(0);
                }
                out.add(new String(Character.toChars(cp)));
            } else if (Character.isLetterOrDigit(cp)) {
                w.appendCodePoint(cp);
            } else if (w.length() > 0) {
                out.add(w.toString());
                w.setLength(0);
            }
        }
        if (w.length() > 0) out.add(w.toString());
        return out;
    }

    private static List<String> lineList(String s) {
        List<String> out = new ArrayList<>();
        for (String l : s.split("\n")) {
            String n = l.strip().replaceAll("\\s+", " ");
            if (!n.isEmpty()) out.add(n);
        }
        return out;
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
        return sc == Character.UnicodeScript.HAN || sc == Character.UnicodeScript.HIRAGANA
                || sc == Character.UnicodeScript.KATAKANA || sc == Character.UnicodeScript.HANGUL;
    }
}
