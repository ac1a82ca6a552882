package io.winnow.clean.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.winnow.clean.Docs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Worked examples for Gopher's repetition rules (datatrove's definitions). */
class GopherRepetitionFilterTest {
    final GopherRepetitionFilter f = new GopherRepetitionFilter("gopher_repetition", new GopherRepetitionFilter.Params());

    @Test
    void counting() {
        assertArrayEquals(new long[] {2, 2}, TextStats.duplicates(List.of("x", "y", "x", "x")));
        // "a b" occurs twice (positions 0 and 2): 3 chars x 2
        assertEquals(6, TextStats.topNgramChars(List.of("a", "b", "a", "b", "a"), 2));
        // abcde seen at 0, again at 5: 5 chars
        assertEquals(5, TextStats.duplicatedNgramChars(List.of("a", "b", "c", "d", "e", "a", "b", "c", "d", "e"), 5));
        // "ab" new at 0, "ba" new at 1, "ab" repeated at 2 (+2, jump to 4), "ab" repeated at 4 (+2)
        assertEquals(4, TextStats.duplicatedNgramChars(List.of("a", "b", "a", "b", "a", "b"), 2));
        // an n-gram that occurs once is not a repetition
        assertEquals(0, TextStats.topNgramChars(List.of("a", "b", "c", "d"), 2));
    }

    @Test
    void duplicateLines() {
        // lines: [same line, same line, other]: 1 of 3 is a repeat = 0.33 > 0.3
        assertEquals("dup_line_frac", Docs.rule(f, "same line\nsame line\nother", "en"));
    }

    @Test
    void duplicateParagraphChars() {
        String big = "This paragraph is long enough to carry the weight.";
        String text = big + "\n\n" + big + "\n\nshort one\n\nanother\n\nfifth";
        // paragraphs 5, repeats 1 = 0.2 (not > 0.3); repeated chars 50 / 117 = 0.43 > 0.2
        assertEquals("dup_para_char_frac", Docs.rule(f, text, "en"));
    }

    @Test
    void topTwoGram() {
        // no repeated lines or paragraphs; words [p, one, p, one, p, two, p, three]:
        // "p one" x2 = 10 chars / 27 = 0.37 > 0.2
        assertEquals("top_2_gram", Docs.rule(f, "p one p one\np two\np three", "en"));
    }

    @Test
    void variedTextPasses() {
        assertNull(Docs.rule(f, "The river runs past the mill. Birds sing over the water while we walk home slowly.", "en"));
    }

    @Test
    void duplicatedFiveGrams() {
        // Three 5-word phrases (5-letter words) each appear twice, 40 distinct filler words between:
        // repeated 5-grams cover 3 x 25 = 75 chars of ~420 (0.18 > 0.15), while the most frequent
        // 4-gram covers only 2 x 23 = 46 (0.11 < 0.16), so no top-n-gram rule fires first.
        String a = "apple berry cocoa dates elder", b = "fruit grape honey icing jelly", c = "kiwis lemon mango nutty olive";
        StringBuilder filler = new StringBuilder();
        for (int i = 0; i < 40; i++) filler.append(" q").append((char) ('a' + i % 26)).append((char) ('a' + i / 26)).append("zz");
        String text = a + " " + b + " " + c + filler + " " + a + " " + b + " " + c;
        assertEquals(75.0 / text.length() > 0.15, true);
        assertEquals("duplicated_5_n_grams", Docs.rule(f, text, "en"));
    }

    @Test
    void chineseRepetitionUsesIcuWords() {
        // lines [今天天气很好。, 今天天气很好。, 我们去公园。]: 1 of 3 repeated = 0.33 > 0.3
        assertEquals("dup_line_frac", Docs.rule(f, "今天天气很好。\n今天天气很好。\n我们去公园。", "zh"));
        // one line, no repeated line or paragraph; ICU words [我们, 喜欢, 我们, 喜欢, 我们, 的, 城市]:
        // "我们 喜欢" (5 chars with the space) occurs twice: 10 / 15 chars = 0.67 > 0.2
        assertEquals("top_2_gram", Docs.rule(f, "我们喜欢我们喜欢我们的城市。", "zh"));
        assertNull(Docs.rule(f, "我们在河边散步，看见一座古老的石桥。", "zh"));
    }
}
