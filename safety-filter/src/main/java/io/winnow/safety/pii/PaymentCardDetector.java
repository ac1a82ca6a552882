package io.winnow.safety.pii;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits, written together or in the groups printed on cards
 * (4-4-4-4[-3], Amex 4-6-5, Diners 4-6-4) with one kind of separator, starting with an issuer prefix
 * of a major network (Visa, Mastercard, Amex, Discover, UnionPay, JCB, Diners, Maestro) and passing
 * the Luhn check.
 */
public final class PaymentCardDetector implements Detector {
    private static final Pattern CANDIDATE = Pattern.compile("(?<![\\w.\\-+/])\\d(?:[ \\-]?\\d){12,18}(?![\\w\\-/]|[.,]\\d)");

    @Override
    public PiiKind kind() { return PiiKind.PAYMENT_CARD; }

    @Override
    public void find(String text, List<Span> out) {
        Candidates.scan(CANDIDATE, text, Candidates.digitRuns(text, 13, 0), m -> {
            String digits = groupedDigits(m.group());
            if (digits == null || !issuer(digits) || !luhn(digits)) return false;
            out.add(new Span(m.start(), m.end(), PiiKind.PAYMENT_CARD));
            return true;
        });
    }

    /** The digits of {@code s} when it is written together or in card groups with one separator; else null. */
    static String groupedDigits(String s) {
        char sep = 0;
        StringBuilder digits = new StringBuilder(19);
        java.util.List<Integer> groups = new java.util.ArrayList<>();
        int len = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                len++;
            } else {
                if (sep != 0 && c != sep) return null;
                sep = c;
                groups.add(len);
                len = 0;
            }
        }
        groups.add(len);
        if (groups.size() == 1) return digits.toString();
        boolean fours = true;
        for (int i = 0; i < groups.size() - 1; i++) fours &= groups.get(i) == 4;
        int last = groups.get(groups.size() - 1);
        if (fours && last >= 1 && last <= 4) return digits.toString();
        if (groups.size() == 3 && groups.get(0) == 4 && groups.get(1) == 6 && (groups.get(2) == 5 || groups.get(2) == 4)) return digits.toString();
        return null;
    }

    /** An issuer identification prefix of a major card network, with a length that network issues. */
    static boolean issuer(String d) {
        int n = d.length();
        int p2 = Integer.parseInt(d.substring(0, 2));
        int p3 = Integer.parseInt(d.substring(0, 3));
        int p4 = Integer.parseInt(d.substring(0, 4));
        if (d.charAt(0) == '4') return n == 13 || n == 16 || n == 19;                              // Visa
        if (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) return n == 16;                      // Mastercard
        if (p2 == 34 || p2 == 37) return n == 15;                                                   // American Express
        if (p4 == 6011 || p2 == 65 || p3 >= 644 && p3 <= 649) return n >= 16 && n <= 19;            // Discover
        if (p2 == 62) return n >= 16 && n <= 19;                                                    // UnionPay
        if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19;                                    // JCB
        if (p3 >= 300 && p3 <= 305 || p2 == 36 || p2 == 38 || p2 == 39) return n >= 14 && n <= 19;  // Diners Club
        if (p2 == 50 || p2 >= 56 && p2 <= 69) return n >= 13 && n <= 19;                            // Maestro
        return false;
    }

    /** The Luhn (mod 10) check. */
    public static boolean luhn(String d) {
        int sum = 0;
        boolean dbl = false;
        for (int i = d.length() - 1; i >= 0; i--) {
            int v = d.charAt(i) - '0';
            if (dbl) {
                v *= 2;
                if (v > 9) v -= 9;
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }
}
