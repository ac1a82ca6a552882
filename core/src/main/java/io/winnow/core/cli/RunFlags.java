package io.winnow.core.cli;

import io.winnow.core.progress.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The flags of every command that runs work ({@code winnow run}, each stage command, {@code winnow mix}):
 * workers, config overrides, fail-fast, overwrite and progress. Use as a picocli {@code @Mixin}.
 */
public final class RunFlags {
    @Option(names = {"-w", "--workers"}, paramLabel = "N",
            description = "Worker threads (default: all cores; output is the same for any N).")
    public Integer workers;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value, e.g. --set steps[0].min_chars=50 (repeatable; wins over the config file).")
    public List<String> sets = new ArrayList<>();

    @Option(names = "--fail-fast", description = "Stop at the first bad input record instead of skipping and counting it.")
    public boolean failFast;

    @Option(names = "--overwrite", description = "Delete an existing output of a different run instead of refusing.")
    public boolean overwrite;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, log lines otherwise), bar, log or off. Default: ${DEFAULT-VALUE}.")
    public String progress;

    /** The --progress mode; a usage error naming the flag when it is not one of the four. */
    public Progress.Mode progressMode(CommandSpec spec) {
        try {
            return Progress.Mode.valueOf(progress.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--progress: expected auto, bar, log or off, got '" + progress + "'");
        }
    }

    /** --workers, or every core; a usage error below 1. */
    public int workerCount(CommandSpec spec, int defaultWorkers) {
        int w = workers != null ? workers : defaultWorkers;
        if (w < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--workers: must be at least 1, got " + w);
        return w;
    }
}
