package io.winnow.mixture.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.config.ConfigException;
import io.winnow.mixture.testing.RealShards;
import io.winnow.mixture.testing.TestTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokenizer: previous}: a pipeline's mix stage uses the model the tokenizer stage before it wrote. */
class PreviousTokenizerTest {
    @TempDir Path tmp;
    Path stage;
    Path kept;

    static final String YAML = """
            name: prev
            tokenizer: previous
            sources:
              - {name: all, share: 1.0}
            """;

    /** The layout a tokenizer stage leaves: STAGE/kept/ (its documents, passed on) and STAGE/model/NAME.model. */
    @BeforeEach
    void tokenizerStageOutput() throws Exception {
        stage = tmp.resolve("07-tokenizer");
        kept = Files.createDirectories(stage.resolve("kept"));
        Path en = RealShards.dir().resolve("en");
        try (var files = Files.list(en)) {
            for (Path f : files.sorted().limit(2).toList()) Files.copy(f, kept.resolve(f.getFileName()));
        }
        Files.createDirectories(stage.resolve("model"));
        Files.copy(TestTokenizer.model(), stage.resolve("model/quickstart.model"));
    }

    @Test
    void usesTheModelOfTheStageBefore() throws Exception {
        Path out = tmp.resolve("08-mix");
        new MixRun().runStage(tmp, YAML, List.of(kept), out, 2);
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(stage.resolve("model/quickstart.model").toAbsolutePath().toString(), manifest.get("tokenizer").get("path").asText());
        assertTrue(manifest.get("achieved_total_tokens").asLong() > 1000);
    }

    @Test
    void outsideAPipelineItSaysWhatToGive() {
        String withPaths = YAML.replace("{name: all, share: 1.0}", "{name: all, paths: [" + kept + "], share: 1.0}");
        ConfigException e = assertThrows(ConfigException.class, () -> new MixRun().run(tmp, withPaths, tmp.resolve("m"), 1));
        assertEquals("tokenizer", e.key());
        assertTrue(e.getMessage().contains("only in a pipeline"), e.getMessage());
    }

    @Test
    void refusesToGuessBetweenTwoModels() throws Exception {
        Files.copy(TestTokenizer.model(), stage.resolve("model/other.model"));
        ConfigException e = assertThrows(ConfigException.class, () -> new MixRun().runStage(tmp, YAML, List.of(kept), tmp.resolve("m"), 1));
        assertTrue(e.getMessage().contains("other.model") && e.getMessage().contains("quickstart.model"), e.getMessage());
    }
}
