package io.winnow.mixture.cli;

import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageResult;
import io.winnow.core.progress.Progress;
import io.winnow.mixture.config.MixtureConfig;
import io.winnow.mixture.stage.MixRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code winnow mix configs/mixtures/NAME.yaml [--set key=value] [--output DIR]}. */
@Command(name = "mix", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sample a mixture of curated shards by token shares, filters and score weights, tokenize it,",
                "shuffle it with the seed and write Megatron-LM .bin/.idx files (train and validation) and a manifest."},
        footer = {"", "Output: DIR/train/part-NNNNN.bin|.idx and DIR/valid/... (Megatron-LM indexed datasets, one document per sequence, "
                + "end-of-document id appended), DIR/manifest.json (config and tokenizer hashes, per-source target vs achieved shares, "
                + "files with sha256), DIR/stats.json (times).",
                "", "Token ids are cached by input and tokenizer hash, so a changed config re-samples without tokenizing again. "
                + "Re-running resumes; the same config and input give byte-identical files for any --workers.",
                "", "Config format: configs/mixtures/quickstart.yaml and mixture/README.md."})
public final class MixCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "Mixture config (see configs/mixtures/).")
    Path config;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory (default: the config's output).")
    Path output;

    @Option(names = {"-i", "--input"}, arity = "1..*", paramLabel = "PATH",
            description = "Shards (files or directories) for the sources that give no paths of their own.")
    List<Path> inputs;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value, e.g. --set token_budget=2000000 --set sources[1].share=0.3 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = {"-w", "--workers"}, paramLabel = "N", description = "Tokenizer threads (default: all cores; output is the same for any N).")
    Integer workers;

    @Option(names = "--seed", paramLabel = "N", description = "Seed when the config has none (default: 42).")
    Long seed;

    @Option(names = "--fail-fast", description = "Stop at the first unreadable input record instead of skipping and counting it.")
    boolean failFast;

    @Option(names = "--overwrite", description = "Replace an existing mix of another config or input (the token cache is kept).")
    boolean overwrite;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, log lines otherwise), bar, log or off. Default: ${DEFAULT-VALUE}.")
    String progress;

    @Override
    public Integer call() throws Exception {
        Config raw = Config.load(config).set(sets);
        MixtureConfig cfg = MixtureConfig.bind(raw);
        Path out = output != null ? output : cfg.output != null ? Path.of(cfg.output) : null;
        if (out == null) throw new ConfigException(raw.sourceFor("output"), "output", "give the output directory (or --output DIR)");
        Progress.Mode mode;
        try {
            mode = Progress.Mode.valueOf(progress.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--progress: expected auto, bar, log or off, got '" + progress + "'");
        }
        RunOptions d = RunOptions.defaults();
        RunOptions options;
        try {
            options = new RunOptions(workers != null ? workers : d.workers(), seed != null ? seed : d.seed(), d.compression(),
                    d.compressionLevel(), d.maxShardBytes(), d.maxRecordBytes(), failFast, overwrite, mode);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter pw = spec.commandLine().getOut();
        StageResult r = new MixRunner(cfg, raw, line -> {
            pw.println(line);
            pw.flush();
        }).run(inputs, out, options);
        pw.println("mix: " + r.summary().replace("stats.json", "stats.json; manifest: " + out.resolve("manifest.json")));
        pw.flush();
        return 0;
    }
}
