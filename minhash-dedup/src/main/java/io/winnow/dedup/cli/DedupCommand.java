package io.winnow.dedup.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.cli.StageFlags;
import io.winnow.core.cli.WinnowVersion;
import io.winnow.core.config.Config;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageResult;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code winnow dedup}: the standard stage options plus the MinHash/LSH ones as flags
 * ({@code --preset}, {@code --threshold}, {@code --num-perm}, {@code --engine}, {@code --verify},
 * {@code --keep}, {@code --index}). Flags override {@code --set}, which overrides {@code --config}.
 */
@Command(name = "dedup", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = WinnowVersion.class,
        description = "Remove near-duplicate documents (MinHash/LSH): shingles -> MinHash signatures -> LSH band buckets"
                + " -> candidate pairs -> verification -> union-find clusters; one document per cluster is kept.",
        footer = {"",
                "Presets: fineweb (word 5-grams, 14x8 bands), nemo (character 24-grams,",
                "20x13), rp2 (word 13-grams, 128 permutations, bands optimized for the",
                "threshold). --threshold or --num-perm alone re-optimize the bands.",
                "",
                "Output: DIR/kept/ (every document gets scores.dup_cluster_size),",
                "DIR/rejected/ (reject_reason minhash_dedup:near_duplicate, metadata.dup_cluster",
                "and metadata.duplicate_of = the kept id), DIR/clusters/clusters.jsonl.zst,",
                "DIR/stats.json (section 'dedup'). Re-running the same command resumes.",
                "",
                "With --index DIR a batch is deduplicated against every earlier batch in DIR,",
                "which survives restarts. The spark engine needs the Spark jar:",
                "  minhash-dedup-spark/bin/winnow-spark dedup --engine spark ...",
                "",
                "Examples:",
                "  winnow dedup -i cleaned/kept -o deduped",
                "  winnow dedup -i batch2/ -o out2 --index dedup-index --preset nemo",
                "  winnow dedup -i data/ -o out --threshold 0.8 --num-perm 128 --keep quality"})
public final class DedupCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin StageFlags flags;

    @Option(names = "--preset", paramLabel = "NAME", description = "fineweb (default), nemo or rp2.")
    String preset;

    @Option(names = "--threshold", paramLabel = "T", description = "Target Jaccard similarity (bands and verification).")
    Double threshold;

    @Option(names = "--num-perm", paramLabel = "N", description = "MinHash permutations.")
    Integer numPerm;

    @Option(names = "--verify", paramLabel = "METHOD", description = "exact (default: Jaccard of shingle sets), signature or none.")
    String verify;

    @Option(names = "--keep", paramLabel = "RULE", description = "Which document of a cluster survives: first (default), longest or quality.")
    String keep;

    @Option(names = "--index", paramLabel = "DIR", description = "Persistent index: deduplicate against every earlier batch in DIR.")
    Path index;

    @Override
    public Integer call() throws Exception {
        flags.requireInputAndOutput(spec, null);
        RunOptions options = flags.runOptions(spec);
        Config cfg = flags.config == null ? Config.empty("(no --config)") : Config.load(flags.config);
        cfg.set(flags.run.sets);
        List<String> overrides = new ArrayList<>();
        if (preset != null) overrides.add("preset=" + preset);
        if (threshold != null) overrides.add("threshold=" + threshold);
        if (numPerm != null) overrides.add("num_perm=" + numPerm);
        if (flags.engine != null) overrides.add("engine=" + flags.engine); // --engine is a stage flag (StageFlags)
        if (verify != null) overrides.add("verify.method=" + verify);
        if (keep != null) overrides.add("keep=" + keep);
        if (index != null) overrides.add("index=" + index);
        cfg.set(overrides);
        Stage stage = new DedupStage().bind(cfg);
        Path output = flags.output;
        StageResult r = stage.run(flags.inputs, output, options);
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
}
