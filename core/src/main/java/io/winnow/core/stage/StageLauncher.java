package io.winnow.core.stage;

import io.winnow.core.config.Config;
import io.winnow.core.engine.Engines;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageResult;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.Compression;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code winnow STAGE --input ... --output DIR [--config FILE] [--set k=v]} does, for the
 * standard stage command and for commands a module contributes (a stage command with extra
 * subcommands, such as {@code winnow safety train}), so both behave the same.
 */
public final class StageLauncher {
    private StageLauncher() {}

    /** The registered stage, or {@link StageNotBuiltException}. */
    public static StageProvider provider(String stage) {
        return StageRegistry.load().find(stage).orElseThrow(() -> new StageNotBuiltException(stage));
    }

    /**
     * Run options from command-line values; an {@link IllegalArgumentException} names the bad option.
     *
     * @param workers null for every core
     */
    public static RunOptions options(Integer workers, long seed, String compression, int shardSizeMb,
                                     boolean failFast, boolean overwrite, String progress) {
        Compression codec;
        try {
            codec = Compression.parse(compression);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--compression: " + e.getMessage());
        }
        Progress.Mode mode;
        try {
            mode = Progress.Mode.valueOf(progress.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--progress: expected auto, bar, log or off, got '" + progress + "'");
        }
        if (shardSizeMb < 1) throw new IllegalArgumentException("--shard-size-mb: must be at least 1, got " + shardSizeMb);
        int w = workers != null ? workers : RunOptions.defaults().workers();
        if (w < 1) throw new IllegalArgumentException("--workers: must be at least 1, got " + w);
        return new RunOptions(w, seed, codec, -1, (long) shardSizeMb << 20, RunOptions.defaults().maxRecordBytes(),
                failFast, overwrite, mode);
    }

    /** Loads the config ({@code null}: defaults), applies the overrides, binds and runs the stage. */
    public static StageResult run(String stage, Path config, List<String> sets, List<Path> inputs, Path output,
                                  RunOptions options) throws IOException, StageFailedException {
        StageProvider provider = provider(stage);
        Config cfg = config == null ? Config.empty("(no --config)") : Config.load(config);
        cfg.set(sets);
        Stage bound = provider.bind(cfg);
        Engines.check(bound, options);
        return bound.run(inputs, output, options);
    }
}
