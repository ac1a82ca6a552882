package io.winnow.train.run;

import io.winnow.core.config.Config;
import io.winnow.train.config.PretrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the trainer in-process from YAML text and --set overrides, as {@code winnow train} does. */
final class TrainRun {
    final List<String> log = new ArrayList<>();

    Pretrainer.Result run(Path dir, String yaml, Path resume, Long stopAfter, String... sets) throws Exception {
        Path f = dir.resolve("train-" + Integer.toHexString(yaml.hashCode()) + ".yaml");
        Files.writeString(f, yaml);
        Config raw = Config.load(f).set(List.of(sets));
        PretrainConfig cfg = PretrainConfig.bind(raw);
        return new Pretrainer(cfg, log::add).run(resume, stopAfter);
    }
}
