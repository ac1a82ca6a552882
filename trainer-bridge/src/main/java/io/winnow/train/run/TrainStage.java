package io.winnow.train.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageResult;
import io.winnow.core.stage.Stage;
import io.winnow.core.stage.StageProvider;
import io.winnow.mixture.manifest.Manifest;
import io.winnow.train.checkpoint.CheckpointStore;
import io.winnow.train.config.PretrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code train} as a pipeline stage, after a {@code mix} stage: its config is a training config; it trains on the
 * previous stage's mix (or {@code data.mixture} when the previous stage is not a mix) and writes the run into the
 * stage's directory. Re-running the pipeline resumes from the stage's latest checkpoint; a finished run is left
 * as it is.
 * <pre>
 *   - stage: train
 *     config_file: configs/train/tiny.yaml
 * </pre>
 */
public final class TrainStage implements StageProvider {
    private static final Logger LOG = LoggerFactory.getLogger(TrainStage.class);

    @Override
    public String name() { return "train"; }

    @Override
    public String description() { return "pretrain a Baichuan-2-style decoder on the previous stage's mixture (DJL, CPU or CUDA)"; }

    @Override
    public Stage bind(Config config) {
        return new Bound("train", PretrainConfig.bind(config), config);
    }

    record Bound(String name, PretrainConfig cfg, Config raw) implements Stage {
        @Override
        public JsonNode settings() { return raw.tree(); }

        @Override
        public Stage withName(String n) { return new Bound(n, cfg, raw); }

        @Override
        public StageResult run(List<Path> inputs, Path output, RunOptions options) throws IOException, StageFailedException {
            long t0 = System.nanoTime();
            Path mix = mixture(inputs);
            if (mix == null) {
                throw new ConfigException(raw.source(), "data.mixture",
                        "no mixture: put this stage after a mix stage or give data.mixture (a `winnow mix` directory)");
            }
            cfg.data.mixture = mix.toString();
            cfg.output = output.toString();
            Path resume = Files.exists(output.resolve(CheckpointStore.DIR).resolve(CheckpointStore.LATEST)) ? output : null;
            Pretrainer.Result r;
            try {
                r = new Pretrainer(cfg, LOG::info).run(resume, null);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(raw.source(), null, e.getMessage());
            } catch (IllegalStateException e) {
                throw new StageFailedException(name + ": " + e.getMessage(), e);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            JsonNode t = RunStats.write(output, name, r, mix, raw.tree(), seconds);
            String detail = String.format(java.util.Locale.ROOT, "%s step %,d (%,d tokens), loss %s -> %s%s; checkpoint %s",
                    Double.isNaN(r.firstLoss()) ? "finished earlier at" : r.finished() ? "trained to" : "stopped at",
                    r.steps(), r.tokens(), loss(t.path("first_loss")), loss(t.path("last_loss")),
                    t.path("val_loss").isNumber() ? ", validation " + loss(t.path("val_loss")) : "", t.path("checkpoint").asText("none"));
            return new StageResult(output, 0, resume != null ? 1 : 0, 0, 0, 0, 0, seconds, detail);
        }

        private static String loss(JsonNode v) {
            return v.isNumber() ? String.format(java.util.Locale.ROOT, "%.4f", v.asDouble()) : "?";
        }

        /** The previous stage's mix (an input, or the stage directory above an input's kept/), else data.mixture. */
        private Path mixture(List<Path> inputs) {
            for (Path in : inputs) {
                for (Path d = in; d != null; d = d == in ? in.getParent() : null) {
                    if (Files.exists(d.resolve(Manifest.FILE))) return d;
                }
            }
            return cfg.data.mixture == null || cfg.data.mixture.isBlank() ? null : Path.of(cfg.data.mixture);
        }
    }
}
