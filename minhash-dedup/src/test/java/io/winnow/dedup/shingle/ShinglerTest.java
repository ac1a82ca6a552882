package io.winnow.dedup.shingle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShinglerTest {
    static long[] shingles(ShingleSpec spec, String text) {
        LongBuffer out = new LongBuffer(16);
        spec.newShingler().shingle(text, out);
        return out.toArray();
    }

    @Test
    void wordFiveGramsOfSixWordsAreTwo() {
        long[] s = shingles(ShingleSpec.words(5), "The quick brown fox jumps over");
        assertEquals(2, s.length);
        // the second 5-gram of this text is the first of the text shifted by one word
        long[] t = shingles(ShingleSpec.words(5), "quick brown fox jumps over");
        assertEquals(1, t.length);
        assertEquals(s[1], t[0]);
    }

    @Test
    void normalizationMakesCopiesEqual() {
        long[] a = shingles(ShingleSpec.words(3), "Hello, World! It is 2024.");
        long[] b = shingles(ShingleSpec.words(3), "hello world  it is 1999");
        assertEquals(List.of(a[0], a[1], a[2]), List.of(b[0], b[1], b[2]));
    }

    @Test
    void wordOrderMatters() {
        assertNotEquals(shingles(ShingleSpec.words(2), "alpha beta")[0], shingles(ShingleSpec.words(2), "beta alpha")[0]);
    }

    @Test
    void shortTextGivesOneShingleAndEmptyTextNone() {
        assertEquals(1, shingles(ShingleSpec.words(5), "only three words").length);
        assertEquals(0, shingles(ShingleSpec.words(5), " ,.; ").length);
        assertEquals(0, shingles(ShingleSpec.chars(5), "").length);
    }

    @Test
    void characterNgramsIgnoreWhitespace() {
        long[] a = shingles(ShingleSpec.chars(3), "ab cd");
        long[] b = shingles(ShingleSpec.chars(3), "abcd");
        assertEquals(2, a.length); // abc, bcd
        assertEquals(List.of(a[0], a[1]), List.of(b[0], b[1]));
    }

    @Test
    void chineseLineInCharacterFiveGrams() {
        // 10 ideographs after the punctuation goes: 6 five-grams
        assertEquals(6, shingles(ShingleSpec.chars(5), "秦川雄帝宅，函谷壯皇居。").length);
    }

    @Test
    void icuSegmentsChineseIntoWords() {
        WordSegmenter icu = new WordSegmenter(Segmenter.AUTO);
        assertEquals(Segmenter.ICU, icu.pick("我们在北京大学学习"));
        assertEquals(List.of("我们", "在", "北京", "大学", "学习", "自然", "语言", "处理"), icu.words("我们在北京大学学习自然语言处理"));
        assertEquals(Segmenter.STANDARD, icu.pick("plain english text"));
        assertEquals(List.of("plain", "english", "text"), icu.words("plain english text"));
        WordSegmenter std = new WordSegmenter(Segmenter.STANDARD);
        assertEquals(List.of("北", "京"), std.words("北京"));
    }

    @Test
    void autoUnitUsesCharactersForCjkDocuments() {
        ShingleSpec auto = new ShingleSpec(ShingleSpec.Unit.AUTO, 5, ShingleNormalizer.Options.DATATROVE, Segmenter.AUTO, 5);
        Shingler s = auto.newShingler();
        LongBuffer out = new LongBuffer(16);
        s.shingle("秦川雄帝宅，函谷壯皇居。", out);
        assertEquals(ShingleSpec.Unit.CHAR, s.lastUnit());
        assertEquals(6, out.size());
        s.shingle("An English sentence with a few 中文 words in it.", out);
        assertEquals(ShingleSpec.Unit.WORD, s.lastUnit());
        assertTrue(Shingler.isCjk("中文中文 ab"));
        assertFalse(Shingler.isCjk("a few 中 words in english text here"));
    }

    @Test
    void wordAndCharacterShinglesNeverCollide() {
        long w = shingles(ShingleSpec.words(1), "abcde")[0];
        long c = shingles(ShingleSpec.chars(5), "abcde")[0];
        assertNotEquals(w, c);
    }
}
