package io.winnow.clean.sentence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.clean.Docs;
import io.winnow.core.doc.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceQualityFilterTest {
    final SentenceQualityFilter f = new SentenceQualityFilter("sentence_quality", new SentenceQualityFilter.Params());

    @Test
    void dropsNoiseSentencesAndCountsThem() {
        // ICU starts a sentence only before a capital letter, so each noise sentence below is its own unit.
        String text = "The data is cleaned in four passes. Click here to subscribe! #### 1234 5678. "
                + "Visit https://example.org/page now. The data is cleaned in four passes.\n"
                + "https://example.org/x\n"
                + "Copyright 2024 Example Inc. All rights reserved.\n"
                + "Each pass writes what it drops. A";
        Docs r = Docs.run(f, new Document("d", text).lang("en"));
        assertEquals("The data is cleaned in four passes. Visit https://example.org/page now.\n"
                + "Each pass writes what it drops.", r.text());
        assertEquals(3L, r.counters.get("sentences_removed:boilerplate"));
        assertEquals(1L, r.counters.get("sentences_removed:symbols_or_digits"));
        assertEquals(1L, r.counters.get("sentences_removed:url_or_email_only"));
        assertEquals(1L, r.counters.get("sentences_removed:repeated"));
        assertEquals(1L, r.counters.get("sentences_removed:too_short"));
    }

    @Test
    void chineseSentencesSplitOnFullWidthEnders() {
        assertEquals(List.of("今天天气很好。", "我们去散步吧！", "好吗？"), Sentences.split("今天天气很好。我们去散步吧！好吗？", "zh"));
        String zh = "这是正文的第一句话。版权所有，翻印必究。点击这里查看更多。这是正文的第二句话。";
        Docs r = Docs.run(f, new Document("d", zh).lang("zh"));
        assertEquals("这是正文的第一句话。这是正文的第二句话。", r.text());
        assertEquals(2L, r.counters.get("sentences_removed:boilerplate"));
    }

    @Test
    void codeLinesAreLeftAlone() {
        String code = "Here is how the loop is written in C, step by step.\n    for (i = 0; i < n; i++) {\n        sum += a[i];\n    }";
        assertEquals(code, Docs.run(f, new Document("d", code).lang("en")).text());
    }

    @Test
    void documentWithTooLittleLeftIsDropped() {
        Docs r = Docs.run(f, new Document("d", "Click here. 12345 67890. Read more").lang("en"));
        assertEquals("too_little_left", r.rejectedRule);
        assertTrue(r.kept.isEmpty());
    }
}
