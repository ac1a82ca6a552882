package io.winnow.dedup.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageResult;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.Compression;
import io.winnow.core.shard.ShardReader;
import io.winnow.core.stage.Stage;
import io.winnow.core.util.AtomicFiles;
import io.winnow.dedup.DedupStage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code winnow dedup}: the standard stage options plus the MinHash/LSH ones as flags
 * ({@code --preset}, {@code --threshold}, {@code --num-perm}, {@code --engine}, {@code --verify},
 * {@code --keep}, {@code --index}). Flags override {@code --set}, which overrides {@code --config}.
 */
@Command(name = "dedup", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = DedupCommand.Version.class,
        description = "Remove near-duplicate documents (MinHash/LSH): shingles -> MinHash signatures -> LSH band buckets"
                + " -> candidate pairs -> verification -> union-find clusters; one document per cluster is kept.",
        footer = {"",
                "Presets: fineweb (word 5-grams, 14x8 bands), nemo (character 24-grams, 20x13), rp2 (word 13-grams,",
                "128 permutations, bands optimized for the threshold). --threshold or --num-perm alone re-optimize the bands.",
                "",
                "Output: DIR/kept/ (every document gets scores.dup_cluster_size), DIR/rejected/ (reject_reason",
                "minhash_dedup:near_duplicate, metadata.dup_cluster and metadata.duplicate_of = the kept id),",
                "DIR/clusters/clusters.jsonl.zst, DIR/stats.json (section 'dedup'). Re-running the same command resumes.",
                "",
                "With --index DIR a batch is deduplicated against every earlier batch in DIR, which survives restarts.",
                "The spark engine needs the Spark jar: minhash-dedup-spark/bin/winnow-spark dedup --engine spark ...",
                "",
                "Examples:",
                "  winnow dedup -i cleaned/kept -o deduped",
                "  winnow dedup -i batch2/ -o out2 --index dedup-index --preset nemo",
                "  winnow dedup -i data/ -o out --threshold 0.8 --num-perm 128 --keep quality --set write_pairs=true"})
public final class DedupCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-i", "--input"}, arity = "1..*", required = true, paramLabel = "PATH",
            description = "Input shards (.jsonl, .jsonl.gz, .jsonl.zst) or directories of them.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Stage output directory.")
    Path output;

    @Option(names = "--preset", paramLabel = "NAME", description = "fineweb (default), nemo or rp2.")
    String preset;

    @Option(names = "--threshold", paramLabel = "T", description = "Target Jaccard similarity (bands and verification).")
    Double threshold;

    @Option(names = "--num-perm", paramLabel = "N", description = "MinHash permutations.")
    Integer numPerm;

    @Option(names = "--engine", paramLabel = "NAME", description = "local (default) or spark.")
    String engine;

    @Option(names = "--verify", paramLabel = "METHOD", description = "exact (default: Jaccard of shingle sets), signature or none.")
    String verify;

    @Option(names = "--keep", paramLabel = "RULE", description = "Which document of a cluster survives: first (default), longest or quality.")
    String keep;

    @Option(names = "--index", paramLabel = "DIR", description = "Persistent index: deduplicate against every earlier batch in DIR.")
    Path index;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Stage config (YAML), e.g. configs/dedup/default.yaml.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value, e.g. --set verify.threshold=0.8 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = {"-w", "--workers"}, paramLabel = "N",
            description = "Worker threads (default: all cores; output is the same for any N).")
    Integer workers;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Run seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--compression", paramLabel = "CODEC", defaultValue = "zstd",
            description = "Output shard codec: zstd, gzip or none. Default: ${DEFAULT-VALUE}.")
    String compression;

    @Option(names = "--shard-size-mb", paramLabel = "MB", defaultValue = "256",
            description = "Start a new output shard after this many MB of uncompressed JSON. Default: ${DEFAULT-VALUE}.")
    int shardSizeMb;

    @Option(names = "--fail-fast", description = "Stop at the first bad input record instead of skipping and counting it.")
    boolean failFast;

    @Option(names = "--overwrite", description = "Delete an existing output of a different run instead of refusing.")
    boolean overwrite;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, log lines otherwise), bar, log or off. Default: ${DEFAULT-VALUE}.")
    String progress;

    @Override
    public Integer call() throws Exception {
        Config cfg = config == null ? Config.empty("(no --config)") : Config.load(config);
        cfg.set(sets);
        List<String> flags = new ArrayList<>();
        if (preset != null) flags.add("preset=" + preset);
        if (threshold != null) flags.add("threshold=" + threshold);
        if (numPerm != null) flags.add("num_perm=" + numPerm);
        if (engine != null) flags.add("engine=" + engine);
        if (verify != null) flags.add("verify.method=" + verify);
        if (keep != null) flags.add("keep=" + keep);
        if (index != null) flags.add("index=" + index);
        cfg.set(flags);
        Stage stage = new DedupStage().bind(cfg);
        Compression codec;
        try {
            codec = Compression.parse(compression);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--compression: " + e.getMessage());
        }
        Progress.Mode mode;
        try {
            mode = Progress.Mode.valueOf(progress.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--progress: expected auto, bar, log or off, got '" + progress + "'");
        }
        int w = workers != null ? workers : RunOptions.defaults().workers();
        RunOptions options;
        try {
            options = new RunOptions(w, seed, codec, -1, (long) shardSizeMb << 20, ShardReader.DEFAULT_MAX_RECORD_BYTES,
                    failFast, overwrite, mode);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("command line", null, e.getMessage());
        }
        StageResult r = stage.run(inputs, output, options);
        PrintWriter out = spec.commandLine().getOut();
        out.println("dedup: " + r.summary());
        Path stats = output.resolve("stats.json");
        if (Files.exists(stats)) {
            JsonNode d = AtomicFiles.json().readTree(stats.toFile()).path("dedup");
            out.printf(Locale.ROOT, "dedup: %,d near-duplicates removed (%.2f%%) in %,d clusters; %,d candidate pairs, %,d accepted%n",
                    d.path("removed").asLong(), 100 * d.path("removed_fraction").asDouble(), d.path("clusters").asLong(),
                    d.path("candidate_pairs").asLong(), d.path("accepted_pairs").asLong());
        }
        out.flush();
        return 0;
    }

    /** Version line (the CLI's own provider is not visible from here). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = DedupCommand.class.getPackage().getImplementationVersion();
            return new String[] {"winnow dedup " + (v == null ? "(development build)" : v),
                    "Java " + System.getProperty("java.version")};
        }
    }
}
