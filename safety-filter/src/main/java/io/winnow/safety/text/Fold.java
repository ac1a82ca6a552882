package io.winnow.safety.text;

/**
 * Folds text before keyword matching, the same way for list terms and documents: lower case,
 * full-width ASCII to ASCII (ｆｕｌｌ → full), half-width katakana to full-width (ｶﾞ → ガ), the
 * ideographic space to a space, and invisible characters that split a word without showing
 * (zero-width space and joiners, soft hyphen, word joiner, BOM) removed. The result may be
 * shorter than the input; matching only needs the folded text.
 */
public final class Fold {
    private static final String HALF_KANA = "ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ";
    private static final String FULL_KANA = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

    /** Kana whose voiced form is the next code point (and ウ → ヴ). */
    private static final String VOICEABLE = "カキクケコサシスセソタチツテトハヒフヘホウ";

    private Fold() {}

    public static String fold(CharSequence s) {
        return new String(foldToArray(s));
    }

    /** The folded text as an array of exactly its length. */
    public static char[] foldToArray(CharSequence s) {
        char[] out = new char[s.length()];
        int len = foldInto(s, out);
        return len == out.length ? out : java.util.Arrays.copyOf(out, len);
    }

    /** Folds {@code s} into {@code out} (at least {@code s.length()} long); returns the folded length. */
    public static int foldInto(CharSequence s, char[] out) {
        int n = s.length();
        int j = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[j++] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toLowerCase(Character.toCodePoint(c, s.charAt(i + 1)));
                j += Character.toChars(cp, out, j);
                i++;
                continue;
            }
            if (c >= 0xFF01 && c <= 0xFF5E) {
                char a = (char) (c - 0xFEE0);
                out[j++] = a >= 'A' && a <= 'Z' ? (char) (a + 32) : a;
            } else if (c == 0x3000) {
                out[j++] = ' ';
            } else if (c >= 0xFF61 && c <= 0xFF9F) {
                j = halfWidthKana(c, out, j);
            } else if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x00AD || c == 0x2060 || c == 0xFEFF) {
                // invisible: dropped
            } else {
                out[j++] = Character.toLowerCase(c);
            }
        }
        return j;
    }

    private static int halfWidthKana(char c, char[] out, int j) {
        switch (c) {
            case 0xFF61: out[j++] = '。'; return j;
            case 0xFF62: out[j++] = '「'; return j;
            case 0xFF63: out[j++] = '」'; return j;
            case 0xFF64: out[j++] = '、'; return j;
            case 0xFF65: out[j++] = '・'; return j;
            case 0xFF9E: // voiced mark: combine with the kana before it when it has a voiced form
                if (j > 0 && hasVoiced(out[j - 1])) {
                    out[j - 1] = out[j - 1] == 'ウ' ? 'ヴ' : (char) (out[j - 1] + 1);
                } else {
                    out[j++] = '゛';
                }
                return j;
            case 0xFF9F: // semi-voiced mark: only the ha row has those
                if (j > 0 && isHaRow(out[j - 1])) {
                    out[j - 1] = (char) (out[j - 1] + 2);
                } else {
                    out[j++] = '゜';
                }
                return j;
            default:
                out[j++] = FULL_KANA.charAt(HALF_KANA.indexOf(c));
                return j;
        }
    }

    private static boolean hasVoiced(char k) {
        return VOICEABLE.indexOf(k) >= 0;
    }

    private static boolean isHaRow(char k) {
        return k >= 'ハ' && k <= 'ホ' && (k - 'ハ') % 3 == 0;
    }
}
