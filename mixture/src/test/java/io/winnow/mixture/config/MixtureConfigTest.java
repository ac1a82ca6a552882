package io.winnow.mixture.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.doc.DocumentJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config binding: defaults, the share rules, weights, and errors that name the key and where it came from. */
class MixtureConfigTest {
    @TempDir Path dir;

    static final String BASE = """
            tokenizer: t.model
            sources:
              - {name: en, paths: [a], share: 0.7}
              - {name: zh, paths: [b], share: 0.3}
            """;

    private Config load(String yaml, String... sets) throws Exception {
        Path f = dir.resolve("mix.yaml");
        Files.writeString(f, yaml);
        return Config.load(f).set(List.of(sets));
    }

    private ConfigException error(String yaml, String... sets) throws Exception {
        Config c = load(yaml, sets);
        return assertThrows(ConfigException.class, () -> MixtureConfig.bind(c));
    }

    @Test
    void defaults() throws Exception {
        MixtureConfig m = MixtureConfig.bind(load(BASE));
        assertEquals(4, m.maxEpochs);
        assertEquals(0.01, m.validationShare);
        assertTrue(m.appendEod);
        assertEquals(1024L << 20, m.maxShardBytes());
        assertTrue(m.allShares());
        assertTrue(m.sources.get(0).weight().isUniform());
    }

    @Test
    void sharesMustAddUpToOne() throws Exception {
        ConfigException e = error(BASE, "sources[1].share=0.2");
        assertEquals("sources", e.key());
        assertTrue(e.getMessage().contains("add up to 0.900000"), e.getMessage());
        assertTrue(e.getMessage().startsWith("--set"), "the overridden value is blamed on --set: " + e.getMessage());
    }

    @Test
    void exactlyOneOfShareRateEpochs() throws Exception {
        ConfigException e = error(BASE, "sources[0].rate=0.5");
        assertEquals("sources[0]", e.key());
        e = error(BASE.replace("share: 0.3", "epochs: 9"));
        assertEquals("sources[1].epochs", e.key());
        assertTrue(e.getMessage().contains("max_epochs"), e.getMessage());
    }

    @Test
    void fixedRateSourcesLeaveRoomAndForbidABudget() throws Exception {
        MixtureConfig m = MixtureConfig.bind(load(BASE.replace("share: 0.3", "epochs: 2")));
        assertFalse(m.allShares());
        assertEquals(2.0, m.sources.get(1).fixedRate());
        ConfigException e = error(BASE.replace("share: 0.7", "share: 1.0").replace("share: 0.3", "rate: 0.5"));
        assertTrue(e.getMessage().contains("leaving nothing"), e.getMessage());
        e = error(BASE.replace("share: 0.3", "rate: 0.5") + "token_budget: 1000\n");
        assertEquals("token_budget", e.key());
    }

    @Test
    void filtersAndWeightsAreCheckedWithTheirKeys() throws Exception {
        ConfigException e = error(BASE + "filters: [\"lang in [en, zh]\", \"scores.toxicity <\"]\n");
        assertEquals("filters[1]", e.key());
        e = error(BASE.replace("paths: [b], share", "paths: [b], filters: [\"lang = = zh\"], share"));
        assertEquals("sources[1].filters[0]", e.key());
        e = error(BASE + "weights: [{field: scores.dup_cluster_size, power: -1}]\n");
        assertEquals("weights[0].min", e.key());
        e = error(BASE + "weights: [{field: scores.quality, when: \"lang == en\"}]\n");
        assertEquals("weights[0]", e.key());
        e = error(BASE + "weights: [{when: \"lang == en\"}]\n");
        assertEquals("weights[0].factor", e.key());
        e = error(BASE + "weights: [{fild: scores.quality}]\n");
        assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
        assertTrue(e.key().startsWith("weights[0]"), e.key());
    }

    @Test
    void otherKeys() throws Exception {
        assertEquals("tokenizer", error("sources: [{name: a, paths: [x], share: 1}]\n").key());
        assertEquals("sources", error("tokenizer: t.model\n").key());
        assertEquals("sources[1].name", error(BASE.replace("name: zh", "name: en")).key());
        assertEquals("validation_share", error(BASE, "validation_share=0.9").key());
        assertEquals("max_epochs", error(BASE, "max_epochs=0.5").key());
        assertEquals("token_budget", error(BASE, "token_budget=0").key());
        assertEquals("token_budget", error(BASE, "token_budget=lots").key());
        assertTrue(error(BASE, "shard_size=3").getMessage().contains("unknown key"));
    }

    @Test
    void weightsMultiply() throws Exception {
        MixtureConfig m = MixtureConfig.bind(load(BASE + """
                weights:
                  - {field: scores.quality, default: 0.5, min: 0, max: 1}
                  - {field: scores.dup_cluster_size, power: -1, min: 1}
                  - {when: "metadata.site in [gov.cn]", factor: 3}
                """));
        DocWeight w = m.sources.get(0).weight();
        assertEquals(0.8 / 4 * 3, w.weight(DocumentJson.parse(
                "{\"text\":\"x\",\"scores\":{\"quality\":0.8,\"dup_cluster_size\":4},\"metadata\":{\"site\":\"gov.cn\"}}")), 1e-12);
        assertEquals(0.5, w.weight(DocumentJson.parse("{\"text\":\"x\"}")), 1e-12, "default quality, no cluster, no site");
        assertEquals(1.0, w.weight(DocumentJson.parse("{\"text\":\"x\",\"scores\":{\"quality\":7,\"dup_cluster_size\":0}}")), 1e-12,
                "quality clamped to 1, cluster size clamped to its min 1");
        assertTrue(w.toString().contains("scores.dup_cluster_size (in [1, inf])^-1"), w.toString());
    }

    @Test
    void canonicalJsonIgnoresWhereButNotWhat() throws Exception {
        MixtureConfig a = MixtureConfig.bind(load(BASE + "output: x\ncache_dir: c1\n"));
        MixtureConfig b = MixtureConfig.bind(load(BASE + "output: y\n"));
        MixtureConfig c = MixtureConfig.bind(load(BASE + "seed: 7\n"));
        assertEquals(new String(a.canonicalJson()), new String(b.canonicalJson()));
        assertFalse(new String(a.canonicalJson()).equals(new String(c.canonicalJson())));
    }
}
