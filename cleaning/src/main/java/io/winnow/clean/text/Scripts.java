package io.winnow.clean.text;

import java.util.Locale;

/** Script facts the rules need: which characters are CJK, and whether a document is CJK text. */
public final class Scripts {
    private Scripts() {}

    /** Han ideographs, kana and hangul: the scripts written without spaces between words. */
    public static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }

    /** Share of CJK characters among the non-whitespace characters (0 for blank text). */
    public static double cjkRatio(String text) {
        int cjk = 0;
        int total = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp)) continue;
            total++;
            if (isCjk(cp)) cjk++;
        }
        return total == 0 ? 0 : (double) cjk / total;
    }

    /**
     * Whether to apply the CJK variants of the rules: by the document's language when it has one
     * (zh, ja, ko and their regional tags), otherwise when at least 20 % of its characters are CJK
     * (the threshold the shared corpora use to pick character shingles).
     */
    public static boolean isCjkDocument(String lang, String text) {
        if (lang != null && !lang.isEmpty()) {
            String l = lang.toLowerCase(Locale.ROOT);
            return l.startsWith("zh") || l.startsWith("ja") || l.startsWith("ko")
                    || l.startsWith("cmn") || l.startsWith("yue") || l.startsWith("wuu");
        }
        return cjkRatio(text) >= 0.2;
    }
}
