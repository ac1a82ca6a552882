package io.winnow.core.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DocumentJsonTest {
    @Test
    void knownFieldsRoundTrip() throws Exception {
        Document d = new Document("a1", "héllo 世界 🌍\n\"quoted\"").source("web").url("http://x/").lang("zh");
        d.metadata().put("title", "T");
        d.metadata().put("tags", List.of("x", "y"));
        d.scores().put("lang_score", 0.97);
        d.scores().put("cluster_size", 3L);
        Document back = DocumentJson.parse(DocumentJson.toJson(d));
        assertEquals(d, back);
        assertEquals(3L, back.scores().get("cluster_size"));
        assertEquals(0.97, back.scores().get("lang_score"));
        assertTrue(DocumentJson.toJson(back).contains("\"cluster_size\":3"), "integer scores stay integers");
    }

    @Test
    void unknownFieldsSurviveInOrder() throws Exception {
        String in = "{\"id\":\"1\",\"warc_id\":\"<urn:uuid:1>\",\"text\":\"t\",\"nested\":{\"a\":[1,2.5,null,true]},\"n\":12345678901234}";
        Document d = DocumentJson.parse(in);
        assertEquals(List.of("warc_id", "nested", "n"), List.copyOf(d.extra().keySet()));
        String out = DocumentJson.toJson(d);
        assertEquals("{\"id\":\"1\",\"text\":\"t\",\"warc_id\":\"<urn:uuid:1>\",\"nested\":{\"a\":[1,2.5,null,true]},\"n\":12345678901234}", out);
        assertEquals(d, DocumentJson.parse(out));
    }

    @Test
    void numericIdIsReadAsText() throws Exception {
        assertEquals("42", DocumentJson.parse("{\"id\":42,\"text\":\"x\"}").id());
        assertNull(DocumentJson.parse("{\"text\":\"x\",\"lang\":null}").lang());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[1,2]",
            "{\"id\":\"1\"}",
            "{\"text\":5}",
            "{\"text\":\"a\"} {\"text\":\"b\"}",
            "{\"text\":\"a\"",
            "{\"text\":\"a\",\"scores\":{\"q\":\"high\"}}",
            "{\"text\":\"a\",\"metadata\":[1]}",
            "not json",
    })
    void malformedRecordsAreErrors(String json) {
        assertThrows(DocumentJson.MalformedDocumentException.class, () -> DocumentJson.parse(json));
    }

    @Test
    void utf8LengthMatchesEncoder() {
        for (String s : List.of("", "abc", "é", "世界", "🌍x", "a\uD800b", "\uDC00")) {
            assertEquals(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, Utf8.length(s), s);
        }
        Document d = new Document("1", "世界");
        assertEquals(6, d.textBytes());
        d.text("ab");
        assertEquals(2, d.textBytes(), "cache follows the text");
        assertEquals(Map.of(), Map.copyOf(d.metadata()));
    }
}
