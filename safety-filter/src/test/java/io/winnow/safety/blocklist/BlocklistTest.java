package io.winnow.safety.blocklist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.winnow.safety.blocklist.TermLists.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlocklistTest {
    static Blocklist.Entry hard(String lang, String cat, String term) { return new Blocklist.Entry(term, lang, cat, Kind.HARD); }
    static Blocklist.Entry soft(String lang, String cat, String term) { return new Blocklist.Entry(term, lang, cat, Kind.SOFT); }
    static Blocklist.Entry allow(String lang, String term) { return new Blocklist.Entry(term, lang, "allow", Kind.ALLOW); }

    static int hard(Blocklist b, String text, String lang) { return b.match(text, lang, true).hardTotal; }

    @Test
    void spaceDelimitedTermsMatchWholeWordsOnly() {
        Blocklist b = Blocklist.of(List.of(hard("en", "profanity", "ass"), hard("en", "profanity", "blow job")));
        assertEquals(1, hard(b, "what an ass.", "en"));
        assertEquals(0, hard(b, "a class of its own; an assessment; bass guitar; sass", "en"));
        assertEquals(1, hard(b, "(ass)", "en"));
        assertEquals(2, hard(b, "ass ass", "en"));
        assertEquals(1, hard(b, "a blow job", "en"), "phrases match across their space");
        assertEquals(0, hard(b, "a blow jobs", "en"));
        assertEquals(1, hard(b, "我的ass很大", "en"), "CJK neighbours are a boundary for a Latin term");
        assertEquals(0, hard(b, "ass_hat ass2", "en"), "underscore and digits are word characters");
    }

    @Test
    void caseFullWidthHalfWidthAndInvisibleCharactersAreFolded() {
        Blocklist b = Blocklist.of(List.of(hard("en", "p", "fuck"), hard("ja", "p", "セックス"), hard("zh", "p", "ＡＶ女优")));
        assertEquals(1, hard(b, "FUCK this", "en"));
        assertEquals(1, hard(b, "ｆｕｃｋ this", "en"), "full-width Latin");
        assertEquals(1, hard(b, "f\u200Buck this", "en"), "a zero-width space does not hide a word");
        assertEquals(1, hard(b, "f\u00ADuck", "en"), "nor does a soft hyphen");
        assertEquals(1, hard(b, "ｾｯｸｽ", "ja"), "half-width katakana");
        assertEquals(1, hard(b, "セックス", "ja"));
        assertEquals(1, hard(b, "av女优", "zh"), "a full-width term matches half-width text, any case");
        assertEquals(1, hard(b, "Av女优", "zh"));
    }

    @Test
    void cjkTermsMatchInsideTextWithoutBoundaries() {
        Blocklist b = Blocklist.of(List.of(hard("zh", "p", "他妈"), hard("zh", "p", "他妈的"), hard("zh", "p", "王八蛋")));
        assertEquals(1, hard(b, "你这个王八蛋！", "zh"));
        assertEquals(1, hard(b, "他妈的，又下雨了", "zh"), "overlapping terms count once, the longest wins");
        assertEquals(2, hard(b, "他妈的他妈", "zh"));
        assertEquals(1, hard(b, "abc王八蛋xyz", "zh"));
    }

    @Test
    void allowListsRemoveTermsAndProtectTheTermsInsideThem() {
        Blocklist b = Blocklist.of(List.of(hard("zh", "p", "性"), hard("zh", "p", "性交"), allow("zh", "性"),
                soft("en", "s", "sex"), allow("en", "sex education")));
        assertEquals(0, hard(b, "性别平等，产品性能", "zh"), "an allowed term is not blocked");
        assertEquals(1, hard(b, "性交易", "zh"), "a longer blocked term still is");
        Blocklist.Counts c = b.match("sex education at school; sex sells", "en", true);
        assertEquals(1, c.softTotal, "only the match outside the allowed phrase counts");
    }

    @Test
    void listsApplyByDocumentLanguage() {
        Blocklist b = Blocklist.of(List.of(hard("en", "p", "shit"), hard("de", "p", "scheiße"), hard("any", "spam", "viagra")));
        assertEquals(1, hard(b, "oh shit", "en"));
        assertEquals(1, hard(b, "oh shit", "en-US"), "region subtags are ignored");
        assertEquals(0, hard(b, "oh shit", "de"), "the English list does not apply to German documents");
        assertEquals(1, hard(b, "SCHEIßE", "de"));
        assertEquals(1, hard(b, "buy viagra", "fr"), "lists under any/ apply to every language");
        assertEquals(2, hard(b, "shit scheiße", null), "no language: every list applies");
        assertEquals(0, b.match("shit scheiße", null, false).hardTotal, "unless told to use only any/");
    }

    @Test
    void countsPerCategoryAndKindAndWords() {
        Blocklist b = Blocklist.of(List.of(hard("en", "porn", "porn"), soft("en", "gambling", "casino"),
                soft("en", "gambling", "jackpot"), soft("any", "porn", "xxx")));
        Blocklist.Counts c = b.match("Porn and a casino jackpot, xxx, casino", "en", true);
        int porn = b.categories().indexOf("porn");
        int gambling = b.categories().indexOf("gambling");
        assertEquals(1, c.hard[porn]);
        assertEquals(1, c.soft[porn]);
        assertEquals(3, c.soft[gambling]);
        assertEquals(1, c.hardTotal);
        assertEquals(4, c.softTotal);
        assertEquals(7, c.words);
        assertEquals(4000.0 / 7, c.softDensity(), 1e-9);
        assertEquals(4, Blocklist.countWords("中文abc def。".toCharArray()), "one word per CJK character");
    }

    @Test
    void aTermListedInTwoCategoriesCountsInBoth() {
        Blocklist b = Blocklist.of(List.of(hard("en", "a", "word"), soft("en", "b", "word"), hard("en", "a", "word")));
        Blocklist.Counts c = b.match("word", "en", true);
        assertEquals(1, c.hard[b.categories().indexOf("a")], "a duplicate line counts once");
        assertEquals(1, c.soft[b.categories().indexOf("b")]);
        assertEquals(2, b.size());
    }

    @Test
    void tenThousandTermsCompileAndMatch() {
        List<Blocklist.Entry> es = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) es.add(hard("en", "c" + (i % 7), "term" + i));
        Blocklist b = Blocklist.of(es);
        assertEquals(10_000, b.size());
        assertEquals(3, hard(b, "term0 term9999 term5000x term17", "en"));
    }
}
