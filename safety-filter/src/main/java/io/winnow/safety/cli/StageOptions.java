package io.winnow.safety.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of a standard stage command ({@code winnow clean --help} lists the same). */
final class StageOptions {
    @Option(names = {"-i", "--input"}, arity = "1..*", paramLabel = "PATH",
            description = "Input shards (.jsonl, .jsonl.gz, .jsonl.zst) or directories of them.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Stage output directory.")
    Path output;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Stage config (YAML), e.g. configs/safety/default.yaml.")
    Path config;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed for every random choice. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--compression", paramLabel = "CODEC", defaultValue = "zstd",
            description = "Output shard codec: zstd, gzip or none. Default: ${DEFAULT-VALUE}.")
    String compression;

    @Option(names = "--shard-size-mb", paramLabel = "MB", defaultValue = "256",
            description = "Start a new output shard after this many MB of uncompressed JSON. Default: ${DEFAULT-VALUE}.")
    int shardSizeMb;

    @Option(names = {"-w", "--workers"}, paramLabel = "N",
            description = "Worker threads, one input shard each (default: all cores; output is the same for any N).")
    Integer workers;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value, e.g. --set steps[0].soft_max_count=5 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--fail-fast", description = "Stop at the first bad input record instead of skipping and counting it.")
    boolean failFast;

    @Option(names = "--overwrite", description = "Delete an existing output of a different run instead of refusing.")
    boolean overwrite;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, log lines otherwise), bar, log or off. Default: ${DEFAULT-VALUE}.")
    String progress;
}
