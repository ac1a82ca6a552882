package io.winnow.safety.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.doc.Document;
import io.winnow.safety.testing.NpmLists;
import io.winnow.safety.testing.StepRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainBlocklistTest {
    @TempDir Path tmp;

    Path ut1() throws Exception {
        Path root = tmp.resolve("blacklists");
        Files.createDirectories(root.resolve("adult"));
        Files.createDirectories(root.resolve("gambling"));
        Files.createDirectories(root.resolve("phishing"));
        Files.writeString(root.resolve("adult/domains"), "# comment\nadult-example.com\nwww.prefixed-example.net\n203.0.113.9\nxn--fiqs8s.example\n");
        Files.writeString(root.resolve("adult/urls"), "free-hosting.example/~bad\nfree-hosting.example/users/adultpage/\n");
        Files.writeString(root.resolve("gambling/domains"), "casino-example.org\nadult-example.com\n");
        Files.writeString(root.resolve("phishing/usage"), "black\n"); // a UT1 file that is not a list
        return root;
    }

    @Test
    void parsesMessyUrls() {
        assertEquals(new UrlParts("a.example.com", "/x/y"), UrlParts.parse("HTTPS://user:pw@A.Example.COM.:8080/X/y?q=1#f"));
        assertEquals(new UrlParts("example.com", ""), UrlParts.parse("example.com"));
        assertEquals(new UrlParts("example.com", "/p"), UrlParts.parse("//example.com/p"));
        assertEquals(new UrlParts("2001:db8::1", "/"), UrlParts.parse("http://[2001:db8::1]:80/"));
        assertEquals(new UrlParts("xn--fiqs8s.example", "/"), UrlParts.parse("http://中国.example/"));
        assertEquals(new UrlParts("", ""), UrlParts.parse(""));
    }

    @Test
    void domainsMatchHostsAndSubdomainsUrlsMatchPathPrefixes() throws Exception {
        UrlCategories c = UrlCategories.load(List.of(ut1()), null);
        assertEquals(List.of("adult", "gambling"), c.categories(), "directories without lists are not categories");
        assertEquals(List.of("adult", "gambling"), c.names(c.lookup("http://adult-example.com/").domainBits()));
        assertEquals(List.of("adult", "gambling"), c.names(c.lookup("https://www.cdn.adult-example.com/a?b").domainBits()));
        assertEquals(List.of(), c.names(c.lookup("https://notadult-example.com/").domainBits()), "labels, not substrings");
        assertEquals(List.of(), c.names(c.lookup("https://adult-example.com.evil.example/").domainBits()));
        assertEquals(List.of("adult"), c.names(c.lookup("http://prefixed-example.net").domainBits()), "www. is dropped from entries");
        assertEquals(List.of("adult"), c.names(c.lookup("http://203.0.113.9/x").domainBits()));
        assertEquals(List.of(), c.names(c.lookup("http://1.203.0.113.9/x").domainBits()), "IP hosts match whole");
        assertEquals(List.of("adult"), c.names(c.lookup("http://中国.example/").domainBits()), "IDN hosts as punycode");
        assertEquals(List.of("adult"), c.names(c.lookup("http://free-hosting.example/~bad/page.html").urlBits()));
        assertEquals(List.of("adult"), c.names(c.lookup("http://www.free-hosting.example/users/adultpage").urlBits()));
        assertEquals(List.of(), c.names(c.lookup("http://free-hosting.example/~badder/").urlBits()), "path prefixes end at '/'");
        assertEquals(List.of(), c.names(c.lookup("http://free-hosting.example/").urlBits() | c.lookup("http://free-hosting.example/").domainBits()));
    }

    @Test
    void stepDropsByDropCategoriesAndTagsTheRest() throws Exception {
        Path root = ut1();
        DomainBlocklistStep.Params p = Config.of(new ObjectMapper().readTree(
                "{\"lists\": [\"" + root + "\"], \"drop\": [\"adult\"], \"tag\": [\"gambling\"]}"), "test")
                .bind(DomainBlocklistStep.Params.class);
        List<Document> docs = List.of(
                new Document("a", "x").url("http://adult-example.com/"),
                new Document("g", "x").url("http://casino-example.org/poker"),
                new Document("u", "x").url("http://free-hosting.example/~bad/1"),
                new Document("ok", "x").url("https://www.debian.org/"));
        Document meta = new Document("meta-url", "x");
        meta.metadata().put("url", "adult-example.com/page");
        List<Document> all = new ArrayList<>(List.of(docs.get(0), docs.get(1), docs.get(2), new Document("none", "x"), docs.get(3), meta));
        StepRun r = StepRun.of(new DomainBlocklistStep("domain_blocklist", p), all);
        assertEquals("domain:adult", r.rejected.get("a"));
        assertEquals("url:adult", r.rejected.get("u"));
        assertEquals("domain:adult", r.rejected.get("meta-url"), "metadata.url is used when there is no url");
        assertEquals(3, r.rejected.size());
        Document g = r.kept.stream().filter(d -> d.id().equals("g")).findFirst().orElseThrow();
        assertEquals(1, g.scores().get("domain.gambling"));
        assertEquals(1, r.rejectedDocs.get(0).scores().get("domain.gambling"), "every matched category is recorded");
        assertEquals(1L, r.counters.get("no_url"));
    }

    @Test
    void unknownCategoriesAndMissingListsAreConfigErrors() throws Exception {
        Path root = ut1();
        ConfigException e = assertThrows(ConfigException.class, () -> Config.of(new ObjectMapper().readTree(
                "{\"lists\": [\"" + root + "\"], \"drop\": [\"porn\"]}"), "cfg.yaml").bind(DomainBlocklistStep.Params.class));
        assertTrue(e.getMessage().contains("category 'porn'") && e.getMessage().contains("adult"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Config.of(new ObjectMapper().readTree(
                "{\"lists\": [\"" + tmp.resolve("nope") + "\"], \"drop\": [\"all\"]}"), "cfg.yaml").bind(DomainBlocklistStep.Params.class));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }

    /**
     * MetaMask's phishing list (npm eth-phishing-detect: 13,752 real phishing domains and 1,138
     * allow-listed ones) in the UT1 layout: every URL on a listed domain or a subdomain of one is
     * dropped, and the allow-listed domains that no listed domain covers pass.
     */
    @Test
    void realPhishingListInTheUt1Layout() throws Exception {
        Path pkg = NpmLists.pack("eth-phishing-detect@1.2.0");
        JsonNode config = new ObjectMapper().readTree(pkg.resolve("src/config.json").toFile());
        List<String> black = new ArrayList<>();
        config.get("blacklist").forEach(n -> black.add(n.asText()));
        List<String> white = new ArrayList<>();
        config.get("whitelist").forEach(n -> white.add(n.asText()));
        assertTrue(black.size() > 10_000, "listed: " + black.size());
        Path root = tmp.resolve("ut1");
        Files.createDirectories(root.resolve("phishing"));
        Files.write(root.resolve("phishing/domains"), black);

        DomainBlocklistStep.Params p = new DomainBlocklistStep.Params();
        p.lists = List.of(root.toString());
        p.drop = List.of("phishing");
        p.validate();
        Set<String> listed = new HashSet<>();
        for (String b : black) listed.add(UrlCategories.normalizeEntry(b));

        SplittableRandom rnd = new SplittableRandom(7);
        List<Document> docs = new ArrayList<>();
        Set<String> expectDropped = new HashSet<>();
        for (int i = 0; i < black.size(); i += 7) {
            String host = (rnd.nextBoolean() ? "www." : rnd.nextBoolean() ? "login.secure." : "") + black.get(i);
            String id = "b" + i;
            docs.add(new Document(id, "x").url((rnd.nextBoolean() ? "https://" : "http://") + host + "/wallet/connect?x=" + i));
            expectDropped.add(id);
        }
        int whiteKept = 0;
        for (int i = 0; i < white.size(); i++) {
            String id = "w" + i;
            docs.add(new Document(id, "x").url("https://" + white.get(i) + "/"));
            // the oracle: the host or any parent domain listed
            String[] labels = white.get(i).toLowerCase().split("\\.");
            boolean covered = false;
            for (int k = 0; k < labels.length; k++) covered |= listed.contains(String.join(".", List.of(labels).subList(k, labels.length)));
            if (covered) expectDropped.add(id); else whiteKept++;
        }
        StepRun r = StepRun.of(new DomainBlocklistStep("domain_blocklist", p), docs);
        assertEquals(expectDropped, r.rejected.keySet());
        assertTrue(whiteKept > 1000, "allow-listed domains pass: " + whiteKept);
        assertFalse(r.rejected.values().stream().anyMatch(v -> !v.equals("domain:phishing")));
    }
}
