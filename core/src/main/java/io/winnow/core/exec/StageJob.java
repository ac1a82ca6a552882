package io.winnow.core.exec;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.step.Pipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * One stage run: what to read, where to write, and the pipeline to apply to every input shard.
 *
 * @param stage     stage name for logs and stats ({@code clean}, {@code steps})
 * @param inputs    input shards, already expanded and in order (see {@link io.winnow.core.shard.ShardFiles})
 * @param layout    where the stage writes (usually {@code new StageLayout(outputDir)})
 * @param pipelines makes a fresh pipeline for each shard
 * @param settings  the stage's bound settings, recorded in stats and in the run's identity
 * @param options   run options
 * @param format    how an input becomes documents ({@link InputFormat#SHARDS} for Winnow shards)
 */
public record StageJob(String stage, List<Path> inputs, StageLayout layout, Supplier<Pipeline> pipelines,
                       JsonNode settings, RunOptions options, InputFormat format) {
    public StageJob {
        inputs = List.copyOf(inputs);
        if (format == null) format = InputFormat.SHARDS;
    }

    /** A job over Winnow shards. */
    public StageJob(String stage, List<Path> inputs, StageLayout layout, Supplier<Pipeline> pipelines,
                    JsonNode settings, RunOptions options) {
        this(stage, inputs, layout, pipelines, settings, options, InputFormat.SHARDS);
    }

    /** A job over Winnow shards, writing the standard layout under {@code output}. */
    public StageJob(String stage, List<Path> inputs, Path output, Supplier<Pipeline> pipelines,
                    JsonNode settings, RunOptions options) {
        this(stage, inputs, new StageLayout(output), pipelines, settings, options, InputFormat.SHARDS);
    }

    /** A job over inputs of any format, writing the standard layout under {@code output}. */
    public StageJob(String stage, List<Path> inputs, Path output, Supplier<Pipeline> pipelines,
                    JsonNode settings, RunOptions options, InputFormat format) {
        this(stage, inputs, new StageLayout(output), pipelines, settings, options, format);
    }

    public Path output() { return layout.root(); }
}
