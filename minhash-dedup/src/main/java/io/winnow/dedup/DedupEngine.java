package io.winnow.dedup;

import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageResult;
import java.io.IOException;

/**
 * A way to run near-dup removal ({@code engine: local} or {@code engine: spark}). The local engine
 * is built in; others are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.winnow.dedup.DedupEngine}), so the Spark engine lives in its own
 * jar. Every engine writes the same output for the same input and plan.
 */
public interface DedupEngine {
    String name();

    StageResult run(DedupJob job) throws IOException, StageFailedException;
}
