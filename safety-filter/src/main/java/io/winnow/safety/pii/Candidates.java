package io.winnow.safety.pii;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the short stretches of a text where a detector's pattern can match, so the regular
 * expressions run on a few percent of the text instead of from every position.
 */
final class Candidates {
    private Candidates() {}

    /**
     * Runs of digits joined by single separators ({@code space - . ( ) / +}), with a '+' or '(' just
     * before, holding at least {@code minDigits} digits; returned as (start, end) pairs, the end
     * stretched by {@code tail} characters for suffixes such as an extension or a check letter.
     */
    static IntArrayList digitRuns(String text, int minDigits, int tail) {
        IntArrayList out = new IntArrayList();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (start > 0 && start > i - 2 && (text.charAt(start - 1) == '+' || text.charAt(start - 1) == '(')) start--;
            int digits = 0;
            int lastDigit = i;
            int j = i;
            while (j < n) {
                char c = text.charAt(j);
                if (isDigit(c)) {
                    digits++;
                    lastDigit = j;
                    j++;
                } else if (" -.()/+\t".indexOf(c) >= 0 && j + 1 < n && (isDigit(text.charAt(j + 1))
                        || j + 2 < n && " (".indexOf(text.charAt(j + 1)) >= 0 && isDigit(text.charAt(j + 2)))) {
                    j++;
                } else {
                    break;
                }
            }
            if (digits >= minDigits) {
                out.add(start);
                out.add(Math.min(n, lastDigit + 1 + tail));
            }
            i = Math.max(j, i + 1);
        }
        return out;
    }

    /** Runs of hexadecimal digits, ':' and '.' holding at least two ':' (IPv6 candidates). */
    static IntArrayList hexColonRuns(String text) {
        IntArrayList out = new IntArrayList();
        int n = text.length();
        int i = text.indexOf(':');
        while (i >= 0 && i < n) {
            int s = i;
            while (s > 0 && hexColon(text.charAt(s - 1))) s--;
            int e = i;
            int colons = 0;
            while (e < n && hexColon(text.charAt(e))) {
                if (text.charAt(e) == ':') colons++;
                e++;
            }
            if (colons >= 2) {
                out.add(s);
                out.add(e);
            }
            i = text.indexOf(':', e + 1);
        }
        return out;
    }

    /** What a detector does with a match: true when it reported it. */
    interface OnMatch {
        boolean accept(Matcher m);
    }

    /**
     * Runs {@code p} over each (start, end) region (lookarounds see past the region's bounds); a
     * later region starts after the last reported match, so nothing is reported twice.
     */
    static void scan(Pattern p, String text, IntArrayList regions, OnMatch onMatch) {
        if (regions.isEmpty()) return;
        Matcher m = p.matcher(text);
        m.useTransparentBounds(true).useAnchoringBounds(false);
        int done = -1;
        for (int k = 0; k < regions.size(); k += 2) {
            int s = Math.max(regions.getInt(k), done);
            int e = regions.getInt(k + 1);
            if (s >= e) continue;
            m.region(s, e);
            while (m.find()) {
                if (onMatch.accept(m)) done = m.end();
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hexColon(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.';
    }
}
