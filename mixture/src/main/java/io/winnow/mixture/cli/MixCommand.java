package io.winnow.mixture.cli;

import io.winnow.core.cli.RunFlags;
import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageResult;
import io.winnow.mixture.config.MixtureConfig;
import io.winnow.mixture.stage.MixRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

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

    @Option(names = "--seed", paramLabel = "N", description = "Seed when the config has none (default: 42).")
    Long seed;

    @Mixin RunFlags run;

    @Override
    public Integer call() throws Exception {
        Config raw = Config.load(config).set(run.sets);
        MixtureConfig cfg = MixtureConfig.bind(raw);
        Path out = output != null ? output : cfg.output != null ? Path.of(cfg.output) : null;
        if (out == null) throw new ConfigException(raw.sourceFor("output"), "output", "give the output directory (or --output DIR)");
        RunOptions d = RunOptions.defaults();
        RunOptions options = new RunOptions(run.workerCount(spec, d.workers()), seed != null ? seed : d.seed(), d.compression(),
                d.compressionLevel(), d.maxShardBytes(), d.maxRecordBytes(), run.failFast, run.overwrite, run.progressMode(spec));
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
