package io.winnow.safety.pii;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.regex.Pattern;

/**
 * Telephone numbers in the shapes people write them:
 * <ul>
 * <li>{@code INTERNATIONAL}: {@code +CC} then 7 to 14 more digits in groups (E.164: at most 15 digits);
 * <li>{@code CN_MOBILE}: 11 digits {@code 1[3-9]x xxxx xxxx}, optionally after +86, grouped 3-4-4 or not;
 * <li>{@code CN_LANDLINE}: area code {@code 010}, {@code 02x} or {@code 0xxx}, then a separator or
 *     parentheses, then a 7- or 8-digit local number (not starting with 0 or 1), optionally an extension;
 * <li>{@code US}: NANP {@code (NXX) NXX-XXXX}, {@code NXX-NXX-XXXX}, {@code NXX.NXX.XXXX}, optionally after +1 or 1
 *     (groups separated by spaces alone count only after +1).
 * </ul>
 * Separators are required where digits alone would be ambiguous (US and landline numbers), so dates,
 * times, version numbers, ISBNs and long IDs do not match; a number right after "ISBN" never does.
 */
public final class PhoneDetector implements Detector {
    public enum Region { INTERNATIONAL, CN_MOBILE, CN_LANDLINE, US }

    private static final String NOT_BEFORE = "(?<![\\w.+\\-/=])";
    private static final String NOT_AFTER = "(?![\\w\\-/]|[.,]\\d)";
    /** Not one number of a run of numbers ("128 256 512 1024", "800 824 896 1024 600"). */
    private static final String NOT_IN_SEQUENCE_BEFORE = "(?<!\\d[ \\t])";
    private static final String NOT_IN_SEQUENCE_AFTER = "(?![ \\t]\\d)";
    private static final Pattern INTERNATIONAL = Pattern.compile(
            NOT_BEFORE + "\\+[1-9]\\d{0,2}(?:[ \\-.]?\\(\\d{1,4}\\)|[ \\-.]?\\d{1,5}){2,6}" + NOT_AFTER);
    private static final Pattern CN_MOBILE = Pattern.compile(
            NOT_BEFORE + "(?:(?:\\+|00)86[ \\-]?)?1[3-9]\\d(?:\\d{8}|[ \\-]\\d{4}[ \\-]\\d{4})" + NOT_AFTER);
    private static final Pattern CN_LANDLINE = Pattern.compile(
            NOT_BEFORE + NOT_IN_SEQUENCE_BEFORE + "(?:(?:\\+86[ \\-]?)?\\(0?(?:10|2\\d|[3-9]\\d{2})\\)[ \\-]?|(?:\\+86[ \\-]?|0)(?:10|2\\d|[3-9]\\d{2})[ \\-])"
            + "[2-9]\\d{2,3}[ \\-]?\\d{4}(?:[ \\-]?(?:转|ext\\.?|x|-)[ ]?\\d{1,5})?" + NOT_AFTER + NOT_IN_SEQUENCE_AFTER);
    private static final Pattern US = Pattern.compile(
            NOT_BEFORE + NOT_IN_SEQUENCE_BEFORE + "(?:\\+?1[ \\-.])?(?:\\([2-9]\\d{2}\\)[ ]?|[2-9]\\d{2}[ \\-.])[2-9]\\d{2}[ \\-.]\\d{4}"
            + NOT_AFTER + NOT_IN_SEQUENCE_AFTER);

    private final Set<Region> regions;

    public PhoneDetector(Set<Region> regions) {
        this.regions = regions.isEmpty() ? EnumSet.noneOf(Region.class) : EnumSet.copyOf(regions);
    }

    public PhoneDetector() {
        this(EnumSet.allOf(Region.class));
    }

    @Override
    public PiiKind kind() { return PiiKind.PHONE; }

    @Override
    public void find(String text, List<Span> out) {
        int before = out.size();
        IntArrayList runs = Candidates.digitRuns(text, 7, 10);
        if (runs.isEmpty()) return;
        if (regions.contains(Region.INTERNATIONAL) && text.indexOf('+') >= 0) scan(INTERNATIONAL, text, runs, out, true);
        if (regions.contains(Region.CN_MOBILE)) scan(CN_MOBILE, text, runs, out, false);
        if (regions.contains(Region.CN_LANDLINE)) scan(CN_LANDLINE, text, runs, out, false);
        if (regions.contains(Region.US)) {
            int from = out.size();
            scan(US, text, runs, out, false);
            // digits separated only by spaces are columns of numbers more often than phone numbers
            out.subList(from, out.size()).removeIf(s -> {
                String t = text.substring(s.start(), s.end());
                return t.charAt(0) != '+' && t.indexOf('-') < 0 && t.indexOf('.') < 0 && t.indexOf('(') < 0;
            });
        }
        out.subList(before, out.size()).sort(java.util.Comparator.comparingInt(Span::start));
    }

    private static void scan(Pattern p, String text, IntArrayList runs, List<Span> out, boolean e164) {
        Candidates.scan(p, text, runs, m -> {
            if (e164) {
                StringBuilder digits = new StringBuilder(16);
                for (int i = m.start(); i < m.end(); i++) if (Character.isDigit(text.charAt(i))) digits.append(text.charAt(i));
                if (digits.length() < 8 || digits.length() > 15 || !CountryCodes.starts(digits)) return false;
            }
            if (afterIsbn(text, m.start())) return false;
            out.add(new Span(m.start(), m.end(), PiiKind.PHONE));
            return true;
        });
    }

    /** "ISBN 0-306-40615-2", "ISBN-13: 978-..." */
    static boolean afterIsbn(String text, int start) {
        int from = Math.max(0, start - 12);
        return text.substring(from, start).toUpperCase(Locale.ROOT).contains("ISBN");
    }
}
