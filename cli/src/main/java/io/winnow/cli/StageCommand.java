package io.winnow.cli;

import io.winnow.core.cli.StageFlags;
import io.winnow.core.cli.WinnowVersion;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageResult;
import io.winnow.core.stage.StageLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code winnow STAGE --input ... --output DIR [--config FILE] [--set k=v]}: runs one stage. A stage
 * whose module is not built yet says so and exits with code 2.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = WinnowVersion.class, sortOptions = false,
        footer = {"", "Output: DIR/kept/ and DIR/rejected/ shards (each rejected document has reject_reason), "
                + "DIR/bad-records/ for unreadable input, DIR/stats.json. Re-running the same command resumes."})
final class StageCommand implements Callable<Integer> {
    private final String stage;

    @Spec CommandSpec spec;

    @Mixin StageFlags flags;

    @Option(names = "--index", paramLabel = "DIR",
            description = "Persistent index of a stage that keeps one (clean: exact dedup) across batches and restarts; same as --set index=DIR.")
    Path index;

    @Option(names = "--list", description = "List the registered step types and their settings, then exit (steps only).")
    boolean list;

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
        flags.requireInputAndOutput(spec, null);
        RunOptions options = flags.runOptions(spec);
        List<String> sets = new ArrayList<>(flags.run.sets);
        if (index != null) sets.add("index=" + index);
        StageResult r = StageLauncher.run(stage, flags.config, sets, flags.inputs, flags.output, options);
        spec.commandLine().getOut().println(stage + ": " + r.summary());
        return 0;
    }
}
