package io.winnow.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageResult;
import io.winnow.core.shard.ShardFiles;
import io.winnow.core.stage.Stage;
import io.winnow.core.stage.StageProvider;
import io.winnow.dedup.local.LocalDedupEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * {@code winnow dedup}: MinHash/LSH near-duplicate removal. Binds {@link DedupSettings}, resolves
 * the {@link DedupPlan} and runs it on the chosen {@link DedupEngine}.
 */
public final class DedupStage implements StageProvider {
    @Override
    public String name() { return "dedup"; }

    @Override
    public String description() { return "remove near-duplicate documents (MinHash/LSH)"; }

    @Override
    public Stage bind(Config config) {
        DedupSettings s = config.bind(DedupSettings.class);
        JsonNode tree = Config.binder().valueToTree(s);
        return new Bound(name(), s, DedupPlan.of(s), tree);
    }

    /** The engine named {@code name}: the built-in local one or one found on the classpath. */
    public static DedupEngine engine(String name) {
        if (name.equals("local")) return new LocalDedupEngine();
        for (DedupEngine e : ServiceLoader.load(DedupEngine.class)) if (e.name().equals(name)) return e;
        throw new ConfigException("engine", "engine", "the '" + name + "' engine is not in this build. The Spark engine ships "
                + "in its own jar: run minhash-dedup-spark/bin/winnow-spark (the winnow command with Spark on the classpath) "
                + "or spark-submit (see minhash-dedup-spark/README.md)");
    }

    record Bound(String name, DedupSettings dedupSettings, DedupPlan plan, JsonNode settings) implements Stage {
        @Override
        public Stage withName(String newName) {
            return new Bound(newName, dedupSettings, plan, settings);
        }

        @Override
        public boolean runsOn(String engine) {
            return engine.equals("local") || engine.equals("spark");
        }

        @Override
        public StageResult run(List<Path> inputs, Path output, RunOptions options) throws IOException, StageFailedException {
            List<Path> shards = ShardFiles.list(inputs);
            // a pipeline's `engine: spark` (or --engine) names the engine as much as the stage's own setting
            DedupEngine engine = engine(options.local() ? dedupSettings.engine : options.engine());
            return engine.run(new DedupJob(name, plan, dedupSettings, settings, shards, output, options));
        }
    }
}
