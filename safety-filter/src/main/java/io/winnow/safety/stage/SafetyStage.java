package io.winnow.safety.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.winnow.core.config.Config;
import io.winnow.core.stage.PipelineStage;
import io.winnow.core.stage.Stage;
import io.winnow.core.stage.StageProvider;
import io.winnow.core.step.StepRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code winnow safety}: the safety steps a config lists, in order, applied to every shard
 * (URL categories, keyword lists, PII redaction, the linear classifier, upsampling; see
 * {@code configs/safety/default.yaml}). Without a {@code steps} list it runs {@link #DEFAULT_STEPS}.
 */
public final class SafetyStage implements StageProvider {
    /** What runs with no config: PII redaction needs no user files. */
    public static final String DEFAULT_STEPS = """
            - type: pii_redact
            """;

    /** The stage's settings: a list of steps. */
    public static final class Settings {
        public JsonNode steps;
    }

    @Override
    public String name() { return "safety"; }

    @Override
    public String description() { return "URL categories, keyword blocklists, PII redaction, linear classifier, upsampling"; }

    @Override
    public Stage bind(Config config) {
        Settings s = config.bind(Settings.class);
        ObjectNode tree = config.tree().deepCopy();
        JsonNode steps = s.steps;
        if (steps == null || steps.isNull()) {
            try {
                steps = new YAMLMapper().readTree(DEFAULT_STEPS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            tree.set("steps", steps);
        }
        var specs = StepRegistry.load().bind(config, steps, "steps");
        return new PipelineStage(name(), tree, specs);
    }
}
