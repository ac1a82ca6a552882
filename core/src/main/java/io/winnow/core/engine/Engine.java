package io.winnow.core.engine;

import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageJob;
import io.winnow.core.exec.StageResult;
import java.io.IOException;

/**
 * Where the shard tasks of a {@link StageJob} run, other than this machine's thread pool
 * ({@code local}, {@link io.winnow.core.exec.LocalExecutor}). Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.winnow.core.engine.Engine}) so core never depends on a cluster
 * framework; {@code --engine NAME} or a pipeline stage's {@code engine: NAME} selects one.
 *
 * <p>An engine must produce exactly what the local executor produces: it runs
 * {@link io.winnow.core.exec.LocalExecutor#prepare}, then {@link io.winnow.core.exec.LocalExecutor#runShard}
 * for every shard (wherever it likes, with the job rebuilt from the {@link JobRecipe}), then
 * {@link io.winnow.core.exec.LocalExecutor#summarize}; markers, resume and bad records stay the local ones.
 */
public interface Engine {
    /** The name users select it by ({@code spark}). */
    String name();

    /**
     * Runs every shard of {@code job} that has no completion marker yet.
     *
     * @param recipe how a task on another machine (or JVM) rebuilds {@code job}
     */
    StageResult run(StageJob job, JobRecipe recipe) throws IOException, StageFailedException;
}
