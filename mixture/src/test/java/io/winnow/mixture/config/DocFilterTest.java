package io.winnow.mixture.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import org.junit.jupiter.api.Test;

/** The filter language on the examples of the issue and its edge cases. */
class DocFilterTest {
    static Document doc(String json) throws Exception {
        return DocumentJson.parse(json);
    }

    static boolean test(String filter, Document d) {
        return DocFilter.parse(filter).test(d);
    }

    @Test
    void issueExamples() throws Exception {
        Document clean = doc("{\"text\":\"x\",\"lang\":\"zh\",\"scores\":{\"toxicity\":0.1,\"lang_score\":0.93}}");
        Document toxic = doc("{\"text\":\"x\",\"lang\":\"en\",\"scores\":{\"toxicity\":0.3,\"lang_score\":0.5}}");
        assertTrue(test("scores.toxicity < 0.3", clean));
        assertFalse(test("scores.toxicity < 0.3", toxic), "0.3 is not below 0.3");
        assertTrue(test("lang in [zh, en]", clean));
        assertTrue(test("lang in [zh, en]", toxic));
        assertFalse(test("lang in [de, fr]", clean));
        assertTrue(test("scores.lang_score >= 0.8", clean));
        assertFalse(test("scores.lang_score >= 0.8", toxic));
    }

    @Test
    void operatorsAndLogic() throws Exception {
        Document d = doc("{\"id\":\"a\",\"text\":\"x\",\"source\":\"web\",\"metadata\":{\"site\":{\"domain\":\"gov.cn\"},\"n\":3},"
                + "\"scores\":{\"q\":0.5},\"dynasty\":\"tang\",\"flag\":true}");
        assertTrue(test("metadata.site.domain == gov.cn", d));
        assertTrue(test("metadata.site.domain = \"gov.cn\"", d));
        assertTrue(test("metadata.n == 3", d), "integers compare as numbers");
        assertTrue(test("metadata.n != 4", d));
        assertTrue(test("scores.q > 0.4 and scores.q <= 0.5", d));
        assertFalse(test("scores.q > 0.4 and scores.q < 0.5", d));
        assertTrue(test("scores.q > 0.9 or source == web", d));
        assertTrue(test("not (scores.q > 0.9 or source == news)", d));
        assertTrue(test("dynasty not in [song, yuan]", d), "top-level fields other tools wrote");
        assertTrue(test("flag == true", d));
        assertTrue(test("scores.q < 5e-1 or scores.q == .5", d));
        assertTrue(test("metadata.site.domain in ['gov.cn', \"who.int\"]", d));
    }

    @Test
    void missingFieldsFailEveryComparison() throws Exception {
        Document d = doc("{\"text\":\"x\"}");
        assertFalse(test("scores.toxicity < 0.3", d));
        assertFalse(test("scores.toxicity >= 0.3", d));
        assertFalse(test("scores.toxicity != 0.3", d), "even != : a missing score is not a value");
        assertFalse(test("lang not in [en]", d));
        assertFalse(test("exists scores.toxicity", d));
        assertTrue(test("not exists scores.toxicity or scores.toxicity < 0.3", d), "how to keep unscored documents");
        assertFalse(test("metadata.a.b == 1", doc("{\"text\":\"x\",\"metadata\":{\"a\":2}}")), "a path through a non-map");
        assertFalse(test("lang < 3", doc("{\"text\":\"x\",\"lang\":\"en\"}")), "strings have no order here");
    }

    @Test
    void errorsSayWhereAndWhat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DocFilter.parse("scores.toxicity < "));
        assertTrue(e.getMessage().contains("expected a value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DocFilter.parse("scores.toxicity << 0.3"));
        assertTrue(e.getMessage().contains("column 18"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DocFilter.parse("lang in [en, zh"));
        assertTrue(e.getMessage().contains("expected ',' or ']'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DocFilter.parse("lang ~ en"));
        assertTrue(e.getMessage().contains("expected a comparison"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DocFilter.parse("scores.q < high"));
        assertTrue(e.getMessage().contains("needs a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DocFilter.parse("(lang == en"));
        assertTrue(e.getMessage().contains("')'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DocFilter.parse("lang == 'en"));
        assertTrue(e.getMessage().contains("unclosed quote"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DocFilter.parse("lang == en extra"));
        assertTrue(e.getMessage().contains("unexpected 'extra'"), e.getMessage());
        assertEquals("lang == en", DocFilter.parse("  lang == en ").toString());
    }
}
