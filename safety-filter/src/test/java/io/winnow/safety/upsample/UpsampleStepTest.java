package io.winnow.safety.upsample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.doc.Document;
import io.winnow.core.testing.Corpora;
import io.winnow.safety.testing.StepRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpsampleStepTest {
    static UpsampleStep.Params params(String yaml) throws Exception {
        return Config.of(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml), "up.yaml").bind(UpsampleStep.Params.class);
    }

    @Test
    void allowListedDomainsAndSourcesGetTheirFactor() throws Exception {
        String file = Corpora.repo().resolve("configs/safety/positive-domains.txt").toString();
        UpsampleStep.Params p = params("rules:\n  - {domains_file: " + file + ", factor: 2.0}\n  - {domains: [www.people.com.cn], factor: 3.0}\n"
                + "  - {sources: [chinese_poetry], factor: 1.5}\n");
        List<Document> docs = List.of(
                new Document("wiki", "x").url("https://zh.wikipedia.org/wiki/杭州"),
                new Document("gov", "x").url("http://www.beijing.gov.cn/"),
                new Document("people", "x").url("http://politics.people.com.cn/n1/"),
                new Document("poem", "x").source("chinese_poetry"),
                new Document("poem-wiki", "x").source("chinese_poetry").url("https://en.wikipedia.org/wiki/Tang_poetry"),
                new Document("other", "x").url("https://wikipedia.org.evil.example/"),
                new Document("none", "x"));
        StepRun r = StepRun.of(new UpsampleStep("upsample", p), docs);
        assertEquals(7, r.kept.size(), "upsampling never drops");
        assertEquals(2.0, r.kept.get(0).scores().get("upsample"));
        assertEquals(2.0, r.kept.get(1).scores().get("upsample"), "gov.cn covers its subdomains");
        assertEquals(3.0, r.kept.get(2).scores().get("upsample"), "www. is dropped from listed domains");
        assertEquals(1.5, r.kept.get(3).scores().get("upsample"));
        assertEquals(2.0, r.kept.get(4).scores().get("upsample"), "max of domain and source factors");
        assertFalse(r.kept.get(5).hasScores());
        assertFalse(r.kept.get(6).hasScores());
        assertEquals(5L, r.counters.get("upsampled"));

        UpsampleStep.Params product = params("combine: product\nrules:\n  - {domains: [wikipedia.org], factor: 2.0}\n  - {sources: [chinese_poetry], factor: 1.5}\n");
        StepRun pr = StepRun.of(new UpsampleStep("u", product), List.of(docs.get(4).copy()));
        assertEquals(3.0, pr.kept.get(0).scores().get("upsample"));
    }

    @Test
    void rulesAreChecked() {
        ConfigException e = assertThrows(ConfigException.class, () -> params("rules: [{factor: 2}]\n"));
        assertTrue(e.getMessage().contains("rules[0]") && e.getMessage().contains("up.yaml"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> params("rules: [{domains: [a.org], factor: 0}]\n"));
        assertTrue(e.getMessage().contains("factor must be positive"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> params("rules: [{domains_file: /nope.txt}]\n"));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
