package io.winnow.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.stage.StepsStage;
import io.winnow.core.steps.TextLengthFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @TempDir Path dir;

    Path yaml(String text) throws Exception {
        Path p = dir.resolve("c.yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void bindsSnakeCaseKeysWithDefaults() throws Exception {
        TextLengthFilter.Params p = Config.load(yaml("min_chars: 7\n")).bind(TextLengthFilter.Params.class);
        assertEquals(7, p.minChars);
        assertEquals(Integer.MAX_VALUE, p.maxChars);
    }

    @Test
    void unknownKeyNamesKeyAndFile() throws Exception {
        Path f = yaml("min_chars: 7\nmin_char: 3\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load(f).bind(TextLengthFilter.Params.class));
        assertEquals("min_char", e.key());
        assertEquals(f.toString(), e.source());
        assertTrue(e.getMessage().contains("unknown key") && e.getMessage().contains("max_chars, min_chars"), e.getMessage());
    }

    @Test
    void wrongTypeNamesKeyAndExpectedType() throws Exception {
        Path f = yaml("min_chars: lots\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load(f).bind(TextLengthFilter.Params.class));
        assertEquals("min_chars", e.key());
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("an integer"), e.getMessage());
    }

    @Test
    void quotedNumberIsNotSilentlyCoerced() throws Exception {
        Path f = yaml("min_chars: \"7\"\n");
        assertThrows(ConfigException.class, () -> Config.load(f).bind(TextLengthFilter.Params.class));
    }

    @Test
    void validationErrorNamesFile() throws Exception {
        Path f = yaml("min_chars: 10\nmax_chars: 5\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load(f).bind(TextLengthFilter.Params.class));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("max_chars"), e.getMessage());
    }

    @Test
    void setOverridesScalarsListsAndNestedPaths() throws Exception {
        Config c = Config.load(yaml("steps:\n  - type: text_length\n    min_chars: 5\n"));
        c.set(List.of("steps[0].min_chars=50", "steps.1.type=lang", "steps[1].keep=[en, zh]"));
        assertEquals(50, c.tree().at("/steps/0/min_chars").asInt());
        assertEquals("zh", c.tree().at("/steps/1/keep/1").asText());
        new StepsStage().bind(c); // binds cleanly
    }

    @Test
    void errorInOverriddenKeyNamesSet() throws Exception {
        Config c = Config.load(yaml("min_chars: 5\n")).set(List.of("min_chars=abc"));
        ConfigException e = assertThrows(ConfigException.class, () -> c.bind(TextLengthFilter.Params.class));
        assertEquals("--set min_chars", e.source());
        Config c2 = Config.load(yaml("min_chars: 5\n")).set(List.of("bogus=1"));
        ConfigException e2 = assertThrows(ConfigException.class, () -> c2.bind(TextLengthFilter.Params.class));
        assertEquals("--set bogus", e2.source());
        assertThrows(ConfigException.class, () -> Config.empty("x").set(List.of("novalue")));
    }

    @Test
    void unknownKeyInsideAStepNamesItsPath() throws Exception {
        Path f = yaml("steps:\n  - type: text_length\n    min_chars: 5\n  - type: sample\n    ratio: 0.5\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new StepsStage().bind(Config.load(f)));
        assertEquals("steps[1].ratio", e.key());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void unknownStepTypeListsKnownOnes() throws Exception {
        Path f = yaml("steps:\n  - type: gopher\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new StepsStage().bind(Config.load(f)));
        assertEquals("steps[0].type", e.key());
        assertTrue(e.getMessage().contains("text_length"), e.getMessage());
    }

    @Test
    void unknownTopLevelKeyOfAStage() throws Exception {
        Path f = yaml("step:\n  - type: sample\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new StepsStage().bind(Config.load(f)));
        assertEquals("step", e.key());
    }

    @Test
    void badYamlAndMissingFileNameTheFile() throws Exception {
        Path f = yaml("a: [1, 2\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("not valid YAML"), e.getMessage());
        ConfigException m = assertThrows(ConfigException.class, () -> Config.load(dir.resolve("nope.yaml")));
        assertTrue(m.getMessage().contains("nope.yaml") && m.getMessage().contains("not found"));
    }
}
