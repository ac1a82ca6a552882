package io.winnow.core.stage;

import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A stage whose writing passes are {@link StageJob}s that any engine can run: a task elsewhere rebinds
 * the stage from the registry ({@link #kind()} and {@link #settings()}) and asks it for the same job
 * (see {@link io.winnow.core.engine.JobRecipe}). Runs on every engine.
 */
public interface ShardedStage extends Stage {
    /** The registry name the stage was bound by ({@code steps}, {@code safety}); {@link #name()} may differ. */
    String kind();

    /**
     * The job of pass {@code pass} ({@code ""} for a one-pass stage) over {@code inputs}, exactly as
     * {@link #run} builds it. May be called again in another JVM with the same arguments: it must give
     * the same job there (the same input list, settings and steps).
     */
    StageJob job(String pass, List<Path> inputs, Path output, RunOptions options) throws IOException;

    @Override
    default boolean runsOn(String engine) {
        return true;
    }
}
