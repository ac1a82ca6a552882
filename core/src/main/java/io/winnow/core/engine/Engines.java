package io.winnow.core.engine;

import io.winnow.core.config.ConfigException;
import io.winnow.core.exec.LocalExecutor;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageJob;
import io.winnow.core.exec.StageResult;
import io.winnow.core.stage.ShardedStage;
import io.winnow.core.stage.Stage;
import java.io.IOException;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds engines by name and runs jobs on the one their options name. */
public final class Engines {
    private Engines() {}

    /** Runs {@code job} on {@code job.options().engine()}: the local executor or a registered {@link Engine}. */
    public static StageResult run(StageJob job, JobRecipe recipe) throws IOException, StageFailedException {
        if (job.options().local()) return LocalExecutor.run(job);
        return require(job.options().engine()).run(job, recipe);
    }

    /** A registered engine (never {@code local}, which is built in). */
    public static Optional<Engine> find(String name) {
        for (Engine e : ServiceLoader.load(Engine.class)) if (e.name().equals(name)) return Optional.of(e);
        return Optional.empty();
    }

    /**
     * The engine {@code name}, or a {@link ConfigException} (exit code 2 from the CLI) that says where it
     * ships: the Spark engine is not in the plain {@code winnow} jar.
     */
    public static Engine require(String name) {
        return require(name, "--engine " + name, null);
    }

    /** {@link #require(String)} with the error naming {@code source} and {@code key} (a pipeline file's entry). */
    public static Engine require(String name, String source, String key) {
        return find(name).orElseThrow(() -> new ConfigException(source, key, name.equals("spark")
                ? "the Spark engine is not in this build: it ships in its own jar. Run spark-engine/bin/winnow-spark "
                        + "(the winnow command with Spark on its classpath; build it with "
                        + "`mvn -q -DskipTests package -pl cli,spark-engine,minhash-dedup-spark -am`) or spark-submit "
                        + "(see spark-engine/README.md)"
                : "unknown engine '" + name + "' (known: local, spark)"));
    }

    /**
     * Checks, before anything runs, that {@code stage} can run on the engine of {@code options} and that the
     * engine is on the classpath; a {@link ConfigException} otherwise.
     */
    public static void check(Stage stage, RunOptions options) {
        check(stage, options.engine(), "--engine " + options.engine(), null);
    }

    /** {@link #check(Stage, RunOptions)} with the error naming {@code source} and {@code key}. */
    public static void check(Stage stage, String engine, String source, String key) {
        if (RunOptions.LOCAL.equals(engine)) return;
        if (!stage.runsOn(engine)) {
            throw new ConfigException(source, key, "stage '" + stage.name()
                    + "' runs on the local engine only (the Spark engine runs steps, safety, ingest, clean and dedup)");
        }
        if (stage instanceof ShardedStage) require(engine, source, key); // other stages find their own engines
    }
}
