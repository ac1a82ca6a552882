package io.winnow.safety.pii;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resident identity card numbers of the People's Republic of China (GB 11643-1999): 6-digit
 * region code, birth date {@code YYYYMMDD}, 3-digit sequence and an ISO 7064 MOD 11-2 check
 * character (0-9 or X). The date must exist and not lie in the future, and the check character must
 * match, so an arbitrary 18-digit number is reported only about once in eleven times its date is real.
 */
public final class ChineseIdDetector implements Detector {
    private static final Pattern ID = Pattern.compile(
            "(?<![\\w.\\-])[1-8]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx](?![\\w\\-]|\\.\\d)");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    @Override
    public PiiKind kind() { return PiiKind.CN_ID; }

    @Override
    public void find(String text, List<Span> out) {
        Candidates.scan(ID, text, Candidates.digitRuns(text, 17, 1), m -> {
            if (!valid(m.group())) return false;
            out.add(new Span(m.start(), m.end(), PiiKind.CN_ID));
            return true;
        });
    }

    /** True when {@code id} (18 characters) has a real past birth date and the right check character. */
    public static boolean valid(String id) {
        if (id.length() != 18) return false;
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
            if (birth.isAfter(LocalDate.now())) return false;
        } catch (DateTimeException | NumberFormatException e) {
            return false;
        }
        return Character.toUpperCase(id.charAt(17)) == checkChar(id);
    }

    /** The check character of the first 17 digits. */
    public static char checkChar(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (id.charAt(i) - '0') * WEIGHTS[i];
        return CHECK.charAt(sum % 11);
    }
}
