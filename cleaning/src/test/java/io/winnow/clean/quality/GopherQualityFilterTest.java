package io.winnow.clean.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.winnow.clean.Docs;
import org.junit.jupiter.api.Test;

/** Worked examples for each Gopher quality rule, counted by hand. */
class GopherQualityFilterTest {
    final GopherQualityFilter f = new GopherQualityFilter("gopher_quality", new GopherQualityFilter.Params());

    /** 76 words; stop words "the" x20 and "and" x8. */
    static final String PROSE = "The river runs past the mill and the old bridge. ".repeat(6)
            + "We walked along the bank and watched birds. ".repeat(2);

    @Test
    void goodProseIsKept() {
        assertNull(Docs.rule(f, PROSE, "en"));
    }

    @Test
    void tooFewWords() {
        assertEquals("short_doc", Docs.rule(f, "The cat sat on the mat and slept.", "en")); // 8 words < 50
    }

    @Test
    void averageWordLengthBounds() {
        assertEquals("below_avg_word_length", Docs.rule(f, "a b c d e the and ".repeat(10), "en")); // 70 words, mean 11/7 ≈ 1.6
        assertEquals("above_avg_word_length", Docs.rule(f,
                "internationalization telecommunications the and ".repeat(15), "en")); // mean (20+18+3+3)/4 = 11
    }

    @Test
    void hashesAndEllipses() {
        assertEquals("too_many_hashes", Docs.rule(f, PROSE + " #".repeat(8), "en"));      // 8 / 76 = 0.105 > 0.1
        assertEquals("too_many_ellipsis", Docs.rule(f, PROSE + " …".repeat(8), "en"));    // 8 / 76 > 0.1
        assertNull(Docs.rule(f, PROSE + " #".repeat(7), "en"));                           // 7 / 76 = 0.092
    }

    @Test
    void bulletAndEllipsisLines() {
        String bullets = ("- the river runs past the mill and the old bridge\n").repeat(10); // 10/10 lines > 0.9
        assertEquals("too_many_bullets", Docs.rule(f, bullets, "en"));
        String ends = "The river runs past the mill and the old bridge...\n".repeat(4)
                + "The river runs past the mill and the old bridge.\n".repeat(6); // 4/10 = 0.4 > 0.3; 4/100 words
        assertEquals("too_many_end_ellipsis", Docs.rule(f, ends, "en"));
    }

    @Test
    void alphabeticWordsAndStopWords() {
        assertEquals("below_alpha_threshold", Docs.rule(f, "the river 1234 5678 ".repeat(15), "en")); // 30/60 = 0.5 < 0.8
        assertEquals("not_enough_stop_words", Docs.rule(f, "river runs past mill over old bridge ".repeat(8), "en"));
        assertNull(Docs.rule(f, "river runs past mill over old bridge ".repeat(8) + "the The", "en"), "stop words match any case");
    }

    @Test
    void chineseUsesCharactersAndChineseFunctionWords() {
        assertEquals("short_doc", Docs.rule(f, "我们今天去公园散步。", "zh")); // 9 chars < 80
        String zh = "我们在河边散步，看见了一座古老的石桥。这是一个安静的下午，风很轻，水也很清。".repeat(3); // 108 chars
        assertNull(Docs.rule(f, zh, "zh"));
        String noFunction = "山川草木花鸟虫鱼日月星辰江河湖海".repeat(6); // 96 chars, none of 的了是在和有不这之其而以也
        assertEquals("not_enough_stop_words", Docs.rule(f, noFunction, "zh-CN"));
        String classical = "床前明月光疑是地上霜举头望明月低头思故乡".repeat(5); // 是 x5
        assertNull(Docs.rule(f, classical, "zh"));
    }

    @Test
    void cjkModeFollowsScriptWhenLangIsMissing() {
        String zh = "我们在河边散步，看见了一座古老的石桥。这是一个安静的下午，风很轻，水也很清。".repeat(3);
        assertNull(Docs.rule(f, zh, null), "no lang: >= 20% CJK characters selects the CJK rules");
    }
}
