package io.winnow.train.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.train.model.ModelSpec;
import io.winnow.train.model.PositionEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainConfigTest {
    @TempDir Path tmp;

    private PretrainConfig bind(String yaml, String... sets) throws Exception {
        Path f = tmp.resolve("t.yaml");
        Files.writeString(f, yaml);
        return PretrainConfig.bind(Config.load(f).set(List.of(sets)));
    }

    @Test
    void publishedShapesGiveThePublishedParameterCounts() throws Exception {
        ModelSpec b7 = bind("preset: baichuan2-7b\n").modelSpec(8000);
        assertEquals(125_696, b7.vocabSize(), "the preset's vocabulary, not the tokenizer's");
        assertEquals(PositionEncoding.ROPE, b7.position());
        assertEquals(7_505_973_248L, b7.parameterCount()); // Baichuan 2 7B: 7.5B
        ModelSpec b13 = bind("preset: baichuan2-13b\n").modelSpec(8000);
        assertEquals(PositionEncoding.ALIBI, b13.position());
        assertEquals(13_896_668_160L, b13.parameterCount()); // Baichuan 2 13B: 13.9B
        assertEquals(4096, b13.seqLength());
        assertEquals(11_008, ModelSpec.swigluHidden(4096, 128));
        assertEquals(13_696, ModelSpec.swigluHidden(5120, 128));
    }

    @Test
    void tinyTakesTheTokenizersVocabularyAndOverridesWin() throws Exception {
        PretrainConfig c = bind("preset: tiny\nmodel: {num_layers: 3}\n", "model.position=alibi", "train.lr=0.01");
        ModelSpec s = c.modelSpec(4000);
        assertEquals(4000, s.vocabSize());
        assertEquals(3, s.numLayers());
        assertEquals(64, s.hiddenSize());
        assertEquals(PositionEncoding.ALIBI, s.position());
        assertEquals(0.01, c.lr());
        assertEquals(3e-4, c.minLr());
        assertEquals(300, c.steps(512));
        assertEquals(5, bind("preset: tiny\ntrain: {tokens: 2049}\n").steps(512), "tokens round up to whole steps");
        assertEquals(Path.of("build/train/pretrain"), c.outputDir());
    }

    @Test
    void mistakesNameTheKeyAndWhereItCameFrom() {
        ConfigException e = assertThrows(ConfigException.class, () -> bind("preset: tiny\n", "train.stepz=3"));
        assertTrue(e.getMessage().contains("--set train.stepz") && e.getMessage().contains("unknown key"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> bind("preset: huge\n"));
        assertTrue(e.getMessage().contains("t.yaml") && e.getMessage().contains("preset") && e.getMessage().contains("baichuan2-7b"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> bind("train: {steps: many}\n"));
        assertTrue(e.getMessage().contains("train.steps") && e.getMessage().contains("integer"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> bind("model: {num_heads: 5}\n").modelSpec(100));
        assertTrue(bad.getMessage().contains("num_heads (5) must divide hidden_size (64)"), bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class, () -> bind("preset: baichuan2-7b\n").steps(1));
        assertTrue(bad.getMessage().contains("train.steps or train.tokens"), bad.getMessage());
    }

    @Test
    void shippedConfigsBind() throws Exception {
        Path repo = Path.of(System.getProperty("winnow.repo", "..")).toAbsolutePath().normalize();
        for (String f : List.of("tiny.yaml", "baichuan2-7b.yaml", "baichuan2-13b.yaml")) {
            PretrainConfig c = PretrainConfig.bind(Config.load(repo.resolve("configs/train").resolve(f)));
            c.modelSpec(8000);
            assertTrue(c.steps((long) c.microBatchSize() * c.modelSpec(8000).seqLength()) > 0, f);
        }
    }
}
