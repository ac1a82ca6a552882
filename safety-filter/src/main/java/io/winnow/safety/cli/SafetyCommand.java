package io.winnow.safety.cli;

import io.winnow.core.cli.StageFlags;
import io.winnow.core.cli.WinnowVersion;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageResult;
import io.winnow.core.stage.StageLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code winnow safety}: the standard stage command (same options and behaviour as every stage,
 * run through core's {@link StageLauncher}) plus {@code train} and {@code eval} for the classifier.
 */
@Command(name = "safety", mixinStandardHelpOptions = true, versionProvider = WinnowVersion.class, sortOptions = false,
        description = "Run the safety steps of a config (URL categories, keyword blocklists, PII redaction, "
                + "classifier, upsampling) over shards; or train/evaluate the linear classifier.",
        subcommands = {TrainCommand.class, EvalCommand.class},
        footer = {"", "Output: DIR/kept/ and DIR/rejected/ shards (each rejected document has reject_reason), "
                + "DIR/bad-records/ for unreadable input, DIR/stats.json. Re-running the same command resumes.",
                "Without --config only PII redaction runs; configs/safety/default.yaml lists every step."})
public final class SafetyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin StageFlags o;

    @Override
    public Integer call() throws Exception {
        StageLauncher.provider("safety");
        o.requireInputAndOutput(spec, "or a subcommand: train, eval");
        RunOptions options = o.runOptions(spec);
        StageResult r = StageLauncher.run("safety", o.config, o.run.sets, o.inputs, o.output, options);
        spec.commandLine().getOut().println("safety: " + r.summary());
        return 0;
    }
}
