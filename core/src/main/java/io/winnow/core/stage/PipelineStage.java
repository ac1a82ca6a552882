package io.winnow.core.stage;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.engine.Engines;
import io.winnow.core.engine.JobRecipe;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageJob;
import io.winnow.core.exec.StageResult;
import io.winnow.core.shard.ShardFiles;
import io.winnow.core.step.StepRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A stage that is a list of steps applied to every input shard independently, on the engine the run
 * options name.
 *
 * @param kind the registry name it was bound by ({@code steps}, {@code safety}); {@code name} may differ
 */
public record PipelineStage(String kind, String name, JsonNode settings, List<StepRegistry.StepSpec<?>> steps)
        implements ShardedStage {
    /** A stage bound by the provider {@code name}. */
    public PipelineStage(String name, JsonNode settings, List<StepRegistry.StepSpec<?>> steps) {
        this(name, name, settings, steps);
    }

    @Override
    public Stage withName(String newName) {
        return new PipelineStage(kind, newName, settings, steps);
    }

    @Override
    public StageJob job(String pass, List<Path> shards, Path output, RunOptions options) {
        return new StageJob(name, shards, output, () -> StepRegistry.pipeline(steps), settings, options);
    }

    @Override
    public StageResult run(List<Path> inputs, Path output, RunOptions options) throws IOException, StageFailedException {
        List<Path> shards = ShardFiles.list(inputs);
        return Engines.run(job("", shards, output, options), JobRecipe.of(this, "", shards, output, options));
    }
}
