package io.winnow.mixture.stage;

import io.winnow.core.config.Config;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageResult;
import io.winnow.core.progress.Progress;
import io.winnow.mixture.config.MixtureConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a mix from YAML text in-process, as {@code winnow mix} does. */
final class MixRun {
    final List<String> log = new ArrayList<>();

    StageResult run(Path dir, String yaml, Path out, int workers, String... sets) throws Exception {
        return runStage(dir, yaml, null, out, workers, sets);
    }

    /** As a pipeline's mix stage runs: {@code stageInputs} is the previous stage's output (null: {@code winnow mix}). */
    StageResult runStage(Path dir, String yaml, List<Path> stageInputs, Path out, int workers, String... sets) throws Exception {
        Path f = dir.resolve("mix-" + Integer.toHexString(yaml.hashCode()) + ".yaml");
        Files.writeString(f, yaml);
        Config raw = Config.load(f).set(List.of(sets));
        MixtureConfig cfg = MixtureConfig.bind(raw);
        RunOptions d = RunOptions.defaults();
        RunOptions o = new RunOptions(workers, 42, d.compression(), -1, d.maxShardBytes(), d.maxRecordBytes(), false, false,
                Progress.Mode.OFF);
        return new MixRunner(cfg, raw, log::add).run(stageInputs, out, o);
    }
}
