package io.winnow.core.cli;

import io.winnow.core.exec.RunOptions;
import io.winnow.core.stage.StageLauncher;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The flags of a stage command ({@code winnow clean|dedup|safety|... --input ... --output DIR}): inputs,
 * output, config, seed, output codec and shard size, plus {@link RunFlags}. Use as a picocli {@code @Mixin}, so
 * every stage command spells and checks them the same way.
 */
public final class StageFlags {
    @Option(names = {"-i", "--input"}, arity = "1..*", paramLabel = "PATH",
            description = "Input shards (.jsonl, .jsonl.gz, .jsonl.zst) or directories of them.")
    public List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Stage output directory.")
    public Path output;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Stage config (YAML); see configs/.")
    public Path config;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed for every random choice. Default: ${DEFAULT-VALUE}.")
    public long seed;

    @Option(names = "--compression", paramLabel = "CODEC", defaultValue = "zstd",
            description = "Output shard codec: zstd, gzip or none. Default: ${DEFAULT-VALUE}.")
    public String compression;

    @Option(names = "--shard-size-mb", paramLabel = "MB", defaultValue = "256",
            description = "Start a new output shard after this many MB of uncompressed JSON. Default: ${DEFAULT-VALUE}.")
    public int shardSizeMb;

    @Option(names = "--engine", paramLabel = "NAME",
            description = "Where shard tasks run: local (default: this machine's threads) or spark (needs spark-engine/bin/winnow-spark or spark-submit).")
    public String engine;

    @Mixin public RunFlags run;

    /**
     * Checks that --input and --output were given (they are optional to picocli so that subcommands and
     * listing flags work without them); {@code alternative} is added to the message, e.g. "or a subcommand".
     */
    public void requireInputAndOutput(CommandSpec spec, String alternative) {
        if (inputs == null || inputs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: --input" + (alternative == null ? "" : " (" + alternative + ")"));
        }
        if (output == null) throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: --output");
    }

    /** The run options these flags give; a bad value is a usage error naming the flag. */
    public RunOptions runOptions(CommandSpec spec) {
        try {
            return StageLauncher.options(run.workers, seed, compression, shardSizeMb, run.failFast, run.overwrite, run.progress)
                    .withEngine(engine);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
