package io.winnow.cli;

import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageResult;
import io.winnow.core.stage.StageLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code winnow STAGE --input ... --output DIR [--config FILE] [--set k=v]}: runs one stage. A stage
 * whose module is not built yet says so and exits with code 2.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = WinnowCli.Version.class, sortOptions = false,
        footer = {"", "Output: DIR/kept/ and DIR/rejected/ shards (each rejected document has reject_reason), "
                + "DIR/bad-records/ for unreadable input, DIR/stats.json. Re-running the same command resumes."})
final class StageCommand implements Callable<Integer> {
    private final String stage;

    @Spec CommandSpec spec;

    @Option(names = {"-i", "--input"}, arity = "1..*", paramLabel = "PATH",
            description = "Input shards (.jsonl, .jsonl.gz, .jsonl.zst) or directories of them.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Stage output directory.")
    Path output;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Stage config (YAML).")
    Path config;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed for every random choice. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--compression", paramLabel = "CODEC", defaultValue = "zstd",
            description = "Output shard codec: zstd, gzip or none. Default: ${DEFAULT-VALUE}.")
    String compression;

    @Option(names = "--shard-size-mb", paramLabel = "MB", defaultValue = "256",
            description = "Start a new output shard after this many MB of uncompressed JSON. Default: ${DEFAULT-VALUE}.")
    int shardSizeMb;

    @Option(names = "--index", paramLabel = "DIR",
            description = "Persistent index of a stage that keeps one (clean: exact dedup) across batches and restarts; same as --set index=DIR.")
    Path index;

    @Option(names = "--list", description = "List the registered step types and their settings, then exit (steps only).")
    boolean list;

    @Mixin RunOptionsMixin run;

    StageCommand(String stage) {
        this.stage = stage;
    }

    @Override
    public Integer call() throws Exception {
        StageLauncher.provider(stage); // an unbuilt stage says so before anything else
        if (list) {
            if (!stage.equals("steps")) throw new CommandLine.ParameterException(spec.commandLine(), "--list is for `winnow steps`");
            StepList.print(spec.commandLine().getOut());
            return 0;
        }
        if (inputs == null || inputs.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: --input");
        if (output == null) throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: --output");
        RunOptions options;
        try {
            options = StageLauncher.options(run.workers, seed, compression, shardSizeMb, run.failFast, run.overwrite, run.progress);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<String> sets = new ArrayList<>(run.sets);
        if (index != null) sets.add("index=" + index);
        StageResult r = StageLauncher.run(stage, config, sets, inputs, output, options);
        spec.commandLine().getOut().println(stage + ": " + r.summary());
        return 0;
    }
}
