package io.winnow.core.exec;

import java.nio.file.Path;

/**
 * Where a stage writes: {@code kept/} and {@code rejected/} shards, {@code bad-records/} for input
 * that could not be read, {@code stats.json}, and bookkeeping under {@code _winnow/}. A stage made
 * of several passes can point a pass's rejected and bad-record directories into the final output.
 */
public record StageLayout(Path root, Path kept, Path rejected, Path badRecords) {
    public StageLayout(Path root) {
        this(root, root.resolve("kept"), root.resolve("rejected"), root.resolve("bad-records"));
    }

    public StageLayout withRejected(Path dir) { return new StageLayout(root, kept, dir, badRecords); }
    public StageLayout withBadRecords(Path dir) { return new StageLayout(root, kept, rejected, dir); }

    public Path stats() { return root.resolve("stats.json"); }
    public Path bookkeeping() { return root.resolve("_winnow"); }
    public Path runFile() { return bookkeeping().resolve("run.json"); }
    public Path markers() { return bookkeeping().resolve("done"); }

    /** Completion marker of input shard {@code index}: written last, after the shard's outputs are published. */
    public Path marker(int index) { return markers().resolve(taskPrefix(index) + ".json"); }

    /** Output files of input shard {@code index} start with this prefix: {@code part-00003}. */
    public static String taskPrefix(int index) { return String.format("part-%05d", index); }
}
