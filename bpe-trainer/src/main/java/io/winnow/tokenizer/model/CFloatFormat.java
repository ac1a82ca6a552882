package io.winnow.tokenizer.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Formats a float like C++ {@code std::ostream << float} with default flags (%g, precision 6). */
public final class CFloatFormat {
    private CFloatFormat() {}

    public static String format(float f) {
        if (Float.isNaN(f)) return "nan";
        if (Float.isInfinite(f)) return f > 0 ? "inf" : "-inf";
        if (f == 0f) return (Float.floatToRawIntBits(f) < 0) ? "-0" : "0";
        // whole numbers of up to six digits print as themselves (every score of a BPE model is one): no BigDecimal
        if (f == (int) f && Math.abs(f) < 1e6f) return Integer.toString((int) f);
        double d = f;
        BigDecimal bd = new BigDecimal(d).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;  // decimal exponent of the leading digit
        if (exp < -4 || exp >= 6) {
            BigDecimal mant = bd.movePointLeft(exp).stripTrailingZeros();
            String m = mant.toPlainString();
            String e = String.format("%s%02d", exp < 0 ? "-" : "+", Math.abs(exp));
            return m + "e" + e;
        }
        String s = bd.stripTrailingZeros().toPlainString();
        return s;
    }
}
