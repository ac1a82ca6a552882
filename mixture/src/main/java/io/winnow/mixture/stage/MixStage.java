package io.winnow.mixture.stage;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.config.Config;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageResult;
import io.winnow.core.stage.Stage;
import io.winnow.core.stage.StageProvider;
import io.winnow.mixture.config.MixtureConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mix} as a pipeline stage: its config is a mixture config; sources without {@code paths} read the
 * previous stage's output, and the mix is written into the stage's directory (the config's {@code output} is
 * not used here).
 * <pre>
 *   - stage: mix
 *     config_file: configs/mixtures/quickstart.yaml
 * </pre>
 */
public final class MixStage implements StageProvider {
    private static final Logger LOG = LoggerFactory.getLogger(MixStage.class);

    @Override
    public String name() { return "mix"; }

    @Override
    public String description() { return "sample a weighted mixture and tokenize it into Megatron .bin/.idx files"; }

    @Override
    public Stage bind(Config config) {
        return new Bound("mix", MixtureConfig.bind(config), config);
    }

    record Bound(String name, MixtureConfig cfg, Config raw) implements Stage {
        @Override
        public JsonNode settings() { return raw.tree(); }

        @Override
        public Stage withName(String n) { return new Bound(n, cfg, raw); }

        @Override
        public StageResult run(List<Path> inputs, Path output, RunOptions options) throws IOException, StageFailedException {
            return new MixRunner(cfg, raw, LOG::info).run(inputs, output, options);
        }
    }
}
