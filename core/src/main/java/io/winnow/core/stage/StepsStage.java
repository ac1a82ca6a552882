package io.winnow.core.stage;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.config.Config;
import io.winnow.core.step.StepRegistry;

/**
 * The generic stage: runs whatever registered steps its config lists, in order.
 * <pre>
 * steps:
 *   - type: text_length
 *     min_chars: 20
 *   - type: sample
 *     rate: 0.5
 * </pre>
 */
public final class StepsStage implements StageProvider {
    /** The stage's settings: only a list of steps. */
    public static final class Settings {
        public JsonNode steps;
    }

    @Override
    public String name() { return "steps"; }

    @Override
    public String description() { return "run a list of registered steps (see `winnow steps --list`)"; }

    @Override
    public Stage bind(Config config) {
        Settings s = config.bind(Settings.class);
        var specs = StepRegistry.load().bind(config, s.steps, "steps");
        return new PipelineStage(name(), config.tree(), specs);
    }
}
