package io.winnow.safety.pii;

import java.util.BitSet;

/** ITU-T E.164 country calling codes in use: a "+" number must start with one. */
final class CountryCodes {
    private static final BitSet CODES = new BitSet(1000);

    static {
        add("1 7");
        add("20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 "
                + "81 82 84 86 90 91 92 93 94 95 98");
        add("211 212 213 216 218 220-258 260-269 290 291 297 298 299 350-359 370-378 380-383 385-387 389 420 421 423 "
                + "500-509 590-599 670 672-683 685-692 800 808 850 852 853 855 856 870 878 880-883 886 888 960-968 "
                + "970-977 979 992-996 998");
    }

    private CountryCodes() {}

    private static void add(String spec) {
        for (String part : spec.split(" ")) {
            int dash = part.indexOf('-');
            if (dash < 0) {
                CODES.set(Integer.parseInt(part));
            } else {
                CODES.set(Integer.parseInt(part.substring(0, dash)), Integer.parseInt(part.substring(dash + 1)) + 1);
            }
        }
    }

    /** True when the first one, two or three digits are an assigned country code. */
    static boolean starts(CharSequence digits) {
        int v = 0;
        for (int i = 0; i < Math.min(3, digits.length()); i++) {
            v = v * 10 + digits.charAt(i) - '0';
            if (CODES.get(v)) return true;     // one-, two- and three-digit codes never collide in value
        }
        return false;
    }
}
