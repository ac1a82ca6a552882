package io.winnow.safety.text;

/**
 * Which characters are word characters of a space-delimited script. Terms in those scripts match
 * only as whole words; Chinese, Japanese, Thai, Lao, Khmer and Myanmar are written without spaces
 * between words, so their terms match anywhere (as C4's bad-words filter does for zh, ja and th).
 */
public final class Scripts {
    private Scripts() {}

    /** True for a letter, digit or combining mark of a script that separates words with spaces. */
    public static boolean isSpacedWordChar(int cp) {
        if (cp < 0x80) return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == '_';
        if (isUnspaced(cp)) return false;
        if (Character.isLetterOrDigit(cp)) return true;
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK;
    }

    /** True for characters of scripts written without spaces between words (CJK ideographs, kana, Thai...). */
    public static boolean isUnspaced(int cp) {
        if (cp < 0x0E00) return false;
        if (cp <= 0x0EFF) return true;                                  // Thai, Lao
        if (cp >= 0x1000 && cp <= 0x109F) return true;                  // Myanmar
        if (cp >= 0x1780 && cp <= 0x17FF) return true;                  // Khmer
        if (cp >= 0x2E80 && cp <= 0x2FDF) return true;                  // CJK radicals, Kangxi
        if (cp >= 0x3005 && cp <= 0x3007) return true;                  // 々 〆 〇
        if (cp >= 0x3021 && cp <= 0x3029) return true;                  // Hangzhou numerals
        if (cp >= 0x3031 && cp <= 0x3035) return true;                  // kana repeat marks
        if (cp >= 0x3040 && cp <= 0x30FF) return true;                  // Hiragana, Katakana
        if (cp >= 0x3100 && cp <= 0x312F || cp >= 0x31A0 && cp <= 0x31BF) return true; // Bopomofo
        if (cp >= 0x31F0 && cp <= 0x31FF) return true;                  // Katakana extensions
        if (cp >= 0x3400 && cp <= 0x4DBF) return true;                  // CJK extension A
        if (cp >= 0x4E00 && cp <= 0x9FFF) return true;                  // CJK unified ideographs
        if (cp >= 0xF900 && cp <= 0xFAFF) return true;                  // CJK compatibility ideographs
        if (cp >= 0xFF66 && cp <= 0xFF9F) return true;                  // half-width katakana
        return cp >= 0x20000 && cp <= 0x3134F;                          // CJK extensions B..H
    }
}
