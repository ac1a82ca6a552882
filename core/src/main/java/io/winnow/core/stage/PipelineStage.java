package io.winnow.core.stage;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.exec.LocalExecutor;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageJob;
import io.winnow.core.exec.StageResult;
import io.winnow.core.shard.ShardFiles;
import io.winnow.core.step.StepRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A stage that is a list of steps applied to every input shard independently. */
public record PipelineStage(String name, JsonNode settings, List<StepRegistry.StepSpec<?>> steps) implements Stage {
    @Override
    public Stage withName(String newName) {
        return new PipelineStage(newName, settings, steps);
    }

    @Override
    public StageResult run(List<Path> inputs, Path output, RunOptions options) throws IOException, StageFailedException {
        List<Path> shards = ShardFiles.list(inputs);
        return LocalExecutor.run(new StageJob(name, shards, output, () -> StepRegistry.pipeline(steps), settings, options));
    }
}
