package io.winnow.dedup.shingle;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Text simplification before shingling, after datatrove's {@code simplify_text}: lowercase,
 * runs of whitespace to one space, punctuation and symbols removed (deleted, not replaced by a
 * space), accents stripped (NFD, then nonspacing marks dropped) and every run of digits replaced
 * by one {@code 0}. It raises recall: copies that differ in case, punctuation, accents or numbers
 * get the same shingles.
 *
 * <p>"Punctuation" here is every Unicode punctuation (P*) and symbol (S*) character plus control
 * and format characters, a superset of datatrove's hand-picked list. One instance per thread.
 */
public final class ShingleNormalizer {
    /** Which simplifications apply; all on is datatrove's default. */
    public record Options(boolean lowercase, boolean punctuation, boolean accents, boolean digits)
            implements java.io.Serializable {
        public static final Options DATATROVE = new Options(true, true, true, true);
        public static final Options NONE = new Options(false, false, false, false);
    }

    private final Options options;
    private final StringBuilder sb = new StringBuilder(1024);

    public ShingleNormalizer(Options options) {
        this.options = options;
    }

    public Options options() { return options; }

    public String normalize(String text) {
        String s = options.lowercase ? text.toLowerCase(Locale.ROOT) : text;
        if (options.accents && !Normalizer.isNormalized(s, Normalizer.Form.NFD)) {
            s = Normalizer.normalize(s, Normalizer.Form.NFD);
        }
        sb.setLength(0);
        boolean space = true;     // last emitted char is a space (or nothing emitted yet)
        boolean inNumber = false; // inside a run of digits (punctuation inside it does not end it)
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (!space) {
                    sb.append(' ');
                    space = true;
                }
                inNumber = false;
                continue;
            }
            int type = Character.getType(cp);
            if (options.accents && type == Character.NON_SPACING_MARK) continue;
            if (options.punctuation && isPunctuation(type)) continue;
            if (options.digits && type == Character.DECIMAL_DIGIT_NUMBER) {
                if (!inNumber) {
                    sb.append('0');
                    inNumber = true;
                    space = false;
                }
                continue;
            }
            inNumber = false;
            sb.appendCodePoint(cp);
            space = false;
        }
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == ' ') sb.setLength(len - 1);
        return sb.toString();
    }

    static boolean isPunctuation(int type) {
        switch (type) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL, Character.CONTROL, Character.FORMAT:
                return true;
            default:
                return false;
        }
    }
}
