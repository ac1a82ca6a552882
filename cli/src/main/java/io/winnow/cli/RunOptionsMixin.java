package io.winnow.cli;

import io.winnow.core.progress.Progress;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command that runs stages shares. */
final class RunOptionsMixin {
    @Option(names = {"-w", "--workers"}, paramLabel = "N",
            description = "Worker threads, one input shard each (default: all cores; output is the same for any N).")
    Integer workers;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value, e.g. --set steps[0].min_chars=50 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--fail-fast", description = "Stop at the first bad input record instead of skipping and counting it.")
    boolean failFast;

    @Option(names = "--overwrite", description = "Delete an existing output of a different run instead of refusing.")
    boolean overwrite;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, log lines otherwise), bar, log or off. Default: ${DEFAULT-VALUE}.")
    String progress;

    Progress.Mode progressMode() {
        try {
            return Progress.Mode.valueOf(progress.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--progress: expected auto, bar, log or off, got '" + progress + "'");
        }
    }
}
