package io.winnow.safety.blocklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.doc.Document;
import io.winnow.core.testing.Corpora;
import io.winnow.safety.testing.StepRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step's rules on the example lists shipped in configs/safety/lists. */
class KeywordBlocklistStepTest {
    @TempDir Path tmp;

    static KeywordBlocklistStep.Params params(String yaml) throws Exception {
        return Config.of(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml), "test.yaml")
                .bind(KeywordBlocklistStep.Params.class);
    }

    static String lists() {
        return Corpora.repo().resolve("configs/safety/lists").toString();
    }

    @Test
    void softTermsDropByCountOrDensityHardTermsAlways() throws Exception {
        KeywordBlocklistStep.Params p = params("lists: [" + lists() + "]\nsoft_max_count: 3\nsoft_max_density: 20\nsoft_density_min_count: 2\n");
        String news = "The city council debated a ban on online casino advertising. " + "Residents spoke for an hour about parks, schools and roads. ".repeat(10);
        List<Document> docs = List.of(
                StepRun.doc("news", news, "en"),
                StepRun.doc("ad", "Online casino! Casino bonus and free spins, bet now.", "en"),
                StepRun.doc("dense", "Free spins, jackpot.", "en"),
                StepRun.doc("idiom", "She hit the jackpot with her first novel.", "en"),
                StepRun.doc("zh-news", "警方打击网络赌博，查处多个百家乐窝点。", "zh"),
                StepRun.doc("spam", "Cheap Viagra here", "fr"));
        StepRun r = StepRun.of(new KeywordBlocklistStep("kb", p), docs);
        assertEquals("soft_count", r.rejected.get("ad"));
        assertEquals("soft_density", r.rejected.get("dense"), "2 soft matches in 3 words");
        assertEquals("hard:spam", r.rejected.get("spam"), "any/ lists apply to French too");
        assertEquals(3, r.rejected.size(), r.rejected.toString());
        Document news0 = r.kept.get(0);
        assertEquals(1, news0.scores().get("blocklist.soft"));
        assertEquals(1, news0.scores().get("blocklist.gambling"));
        Document idiom = r.kept.stream().filter(d -> d.id().equals("idiom")).findFirst().orElseThrow();
        assertTrue(!idiom.hasScores(), "an allowed phrase is not a match: " + idiom.scores());
        Document zh = r.kept.stream().filter(d -> d.id().equals("zh-news")).findFirst().orElseThrow();
        assertEquals(1, zh.scores().get("blocklist.soft"), "网络赌博 inside the allowed 打击网络赌博 does not count; 百家乐 does");
        assertEquals(8L, r.counters.get("matches:gambling"), "4 + 2 in the dropped ads, 1 + 1 in the news");
    }

    @Test
    void urlFieldInlineTermsAndConfigErrors() throws Exception {
        KeywordBlocklistStep.Params p = params("field: url\ninline:\n  - {category: adult, terms: [porn, xxx]}\n  - {category: adult, kind: soft, terms: [sex, cams]}\nsoft_max_count: 2\n");
        List<Document> docs = List.of(new Document("a", "x").url("https://free-porn-videos.example/"),
                new Document("b", "x").url("https://example.com/live/sex-cams"),
                new Document("c", "x").url("https://sussex.ac.uk/pornography-studies-is-not-matched-as-a-word"),
                new Document("d", "no url"));
        StepRun r = StepRun.of(new KeywordBlocklistStep("url_words", p), docs);
        assertEquals("hard:adult", r.rejected.get("a"));
        assertEquals("soft_count", r.rejected.get("b"));
        assertEquals(2, r.rejected.size());

        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> params("lists: [" + tmp.resolve("none") + "]\n"));
        assertTrue(e.getMessage().contains("not a directory") && e.getMessage().contains("test.yaml"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> params("soft_max_count: 3\n"));
        assertTrue(e.getMessage().contains("no terms"), e.getMessage());
        Path notUtf8 = tmp.resolve("l/en");
        Files.createDirectories(notUtf8);
        Files.write(notUtf8.resolve("x.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
        e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> params("lists: [" + tmp.resolve("l") + "]\n"));
        assertTrue(e.getMessage().contains("x.txt") && e.getMessage().contains("not UTF-8"), e.getMessage());
    }
}
