package io.winnow.ingest.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.ingest.IngestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrlTest {
    @TempDir Path tmp;

    @Test
    void normalization() {
        assertEquals("http://example.org/a/c?x=1", UrlNormalizer.normalize("HTTP://Example.ORG:80/a/b/../c?x=1#frag"));
        assertEquals("https://example.org/", UrlNormalizer.normalize("<https://example.org>"));
        assertEquals("https://example.org:8443/%7Ba%7D/~user/a%2Fb", UrlNormalizer.normalize("https://example.org:8443/{a}/%7euser/a%2fb"));
        assertEquals("http://xn--bcher-kva.example/caf%C3%A9", UrlNormalizer.normalize("http://bücher.example/café"));
        assertEquals("http://example.org/a%20b", UrlNormalizer.normalize("http://example.org/a b"));
        assertEquals("http://example.org/", UrlNormalizer.normalize("http://example.org/./"));
        assertNull(UrlNormalizer.normalize("not a url"));
        assertEquals("example.org", UrlNormalizer.host("http://user@example.org:81/x"));
    }

    @Test
    void ut1BlocklistsAndDatatroveWordRules() throws Exception {
        Path ut1 = tmp.resolve("blacklists");
        Files.createDirectories(ut1.resolve("gambling"));
        Files.createDirectories(ut1.resolve("phishing"));
        Files.writeString(ut1.resolve("gambling/domains"), "# comment\ncasino-example.net\n");
        Files.writeString(ut1.resolve("gambling/urls"), "freehost.example/lucky\n");
        Files.writeString(ut1.resolve("phishing/domains"), "login-check.example\n");
        Path banned = Files.writeString(tmp.resolve("banned.txt"), "forbiddenword\n");
        Path soft = Files.writeString(tmp.resolve("soft.txt"), "cheap\nfree\npills\n");
        Path sub = Files.writeString(tmp.resolve("sub.txt"), "badstem\n");
        IngestSettings.Url cfg = new IngestSettings().url;
        cfg.blocklistDir = ut1.toString();
        cfg.bannedWordsFile = banned.toString();
        cfg.softBannedWordsFile = soft.toString();
        cfg.bannedSubwordsFile = sub.toString();
        UrlFilterStep step = new UrlFilterStep("url", new UrlLists(cfg), true, true);
        assertEquals(List.of("domain:gambling"), step.check("http://www.casino-example.net/"));
        assertEquals(List.of("domain:gambling"), step.check("http://games.casino-example.net/play"));
        assertEquals(List.of("url:gambling"), step.check("http://freehost.example/lucky/page.html"));
        assertEquals(List.of(), step.check("http://freehost.example/luckyday"));
        assertEquals(List.of("domain:phishing"), step.check("https://login-check.example/x"));
        assertEquals(List.of("banned_word"), step.check("http://blog.example/forbiddenword-story"));
        assertEquals(List.of(), step.check("http://blog.example/forbiddenwords"), "whole words only");
        assertEquals(List.of("soft_banned_words"), step.check("http://shop.example/cheap-pills"));
        assertEquals(List.of(), step.check("http://shop.example/cheap-bread"));
        assertEquals(List.of("banned_subword"), step.check("http://x.example/some-BAD-stem-here"));

        List<String> rules = new ArrayList<>();
        List<Document> kept = new ArrayList<>();
        Emitter e = new Emitter() {
            @Override public void emit(Document doc) { kept.add(doc); }
            @Override public void reject(Document doc, String rule) { rules.add(rule); }
        };
        step.process(new Document("a", null).url("HTTP://WWW.Casino-Example.net/"), e);
        assertEquals(List.of("domain:gambling"), rules);
        UrlFilterStep tag = new UrlFilterStep("url", new UrlLists(cfg), true, false);
        tag.process(new Document("b", "x").url("http://shop.example/cheap-pills#x"), e);
        assertEquals(List.of("soft_banned_words"), kept.get(0).metadata().get("url_flags"));
        assertEquals("http://shop.example/cheap-pills", kept.get(0).url());
        assertTrue(kept.get(0).metadata().containsKey("url_raw"));
    }
}
