package io.winnow.clean.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.winnow.clean.Docs;
import io.winnow.core.doc.Document;
import org.junit.jupiter.api.Test;

/** Worked examples for the C4 and FineWeb rules. */
class C4AndFineWebTest {
    static C4QualityFilter c4(boolean terminalPunct) {
        C4QualityFilter.Params p = new C4QualityFilter.Params();
        p.filterNoTerminalPunct = terminalPunct;
        return new C4QualityFilter("c4_quality", p);
    }

    static final String FIVE_SENTENCES = """
            The first line is a real sentence.
            The second one also ends properly!
            Is the third one a question?
            "The fourth is quoted."
            The fifth closes the paragraph.""";

    @Test
    void c4RemovesLinesByRuleAndCountsThem() {
        String text = FIVE_SENTENCES + "\nToo short.\nThis line has no final punctuation\n"
                + "Please enable JavaScript to view this page.\nRead our privacy policy today.\n"
                + "The sky is blue.[1] And wide.[edit]\n    Indented text stays if it ends well.";
        Docs r = Docs.run(c4(true), new Document("d", text).lang("en"));
        assertEquals(FIVE_SENTENCES + "\nThe sky is blue. And wide.\nIndented text stays if it ends well.", r.text());
        assertEquals(1L, r.counters.get("lines_removed:too_few_words"));
        assertEquals(1L, r.counters.get("lines_removed:no_terminal_punct"));
        assertEquals(1L, r.counters.get("lines_removed:javascript"));
        assertEquals(1L, r.counters.get("lines_removed:policy"));
        assertEquals((long) "Too short.".length() + 1, r.counters.get("bytes_removed:too_few_words"));
    }

    @Test
    void c4TerminalPunctuationRuleCanBeSwitchedOffAsFineWebDoes() {
        String text = FIVE_SENTENCES + "\nThis line has no final punctuation";
        assertEquals(text, Docs.run(c4(false), new Document("d", text)).text());
    }

    @Test
    void c4DocumentDrops() {
        assertEquals("lorem_ipsum", Docs.rule(c4(true), FIVE_SENTENCES + "\nLorem ipsum dolor sit amet.", "en"));
        assertEquals("curly_bracket", Docs.rule(c4(true), FIVE_SENTENCES + "\nfunction f() { return 1; }.", "en"));
        assertEquals("too_few_sentences", Docs.rule(c4(true), "Only one sentence is here.\nAnd a second one.", "en"));
    }

    @Test
    void c4ChineseUsesFullWidthPunctuationAndIcuWords() {
        String zh = "今天的天气非常好。\n我们一起去公园散步吧！\n你明天有时间吗？\n他说：“我们下周再见。”\n这篇文章到这里就结束了。\n没有标点的一行";
        Docs r = Docs.run(c4(true), new Document("d", zh).lang("zh"));
        assertEquals(zh.substring(0, zh.lastIndexOf('\n')), r.text());
        assertEquals(1L, r.counters.get("lines_removed:no_terminal_punct"));
    }

    final FineWebQualityFilter fw = new FineWebQualityFilter("fineweb_quality", new FineWebQualityFilter.Params());

    @Test
    void fineWebRules() {
        String noPunct = "a heading without a full stop at the end of it\n".repeat(10);
        assertEquals("line_punct_ratio", Docs.rule(fw, noPunct, "en"));          // 0 of 10 lines < 0.12
        String shortLines = "Short line here.\n".repeat(8) + "This is a much longer line that easily passes thirty characters.\n";
        assertEquals("short_line_ratio", Docs.rule(fw, shortLines, "en"));       // 8 of 9 lines <= 30 chars
        String dup = "This is a much longer line that easily passes thirty characters.\n".repeat(2)
                + "Another long enough line with proper punctuation at the end.\n";
        assertEquals("char_dup_ratio", Docs.rule(fw, dup, "en"));               // 65 of 188 chars > 0.01
        String list = "One long line that ends properly, and counts as prose for us.\n" + "\n".repeat(30) + "The end of it all.";
        assertEquals("list_ratio", Docs.rule(fw, list, "en"));                  // 31 newlines / 16 words > 0.3
        assertNull(Docs.rule(fw, "This is a much longer line that easily passes thirty characters.\n"
                + "Another long enough line with proper punctuation at the end.", "en"));
    }

    @Test
    void fineWebShortLinesInChineseCountCharactersDifferently() {
        String zh = "我们在河边散步，看见石桥。\n这是一个安静的下午，风很轻。\n水也很清，鱼在游来游去。";
        assertNull(Docs.rule(fw, zh, "zh"), "12-14 character Chinese lines are not short");
        FineWebQualityFilter.Params p = new FineWebQualityFilter.Params();
        p.cjkShortLineLength = 30;
        assertEquals("short_line_ratio", Docs.rule(new FineWebQualityFilter("fw", p), zh, "zh"));
    }
}
