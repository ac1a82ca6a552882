package io.winnow.core.stage;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A stage with its settings bound, ready to run over input shards into an output directory. */
public interface Stage {
    String name();

    /** The bound settings, as recorded in stats.json and in the run's identity. */
    JsonNode settings();

    /** The same stage under another name (a pipeline entry's {@code name}); used in logs, progress and stats. */
    Stage withName(String name);

    /**
     * Whether this stage can run on the engine {@code engine} (see {@link io.winnow.core.engine.Engine});
     * every stage runs on {@code local}.
     */
    default boolean runsOn(String engine) {
        return io.winnow.core.exec.RunOptions.LOCAL.equals(engine);
    }

    StageResult run(List<Path> inputs, Path output, RunOptions options) throws IOException, StageFailedException;
}
