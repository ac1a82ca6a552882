package io.winnow.core.engine;

import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageJob;
import io.winnow.core.stage.ShardedStage;
import io.winnow.core.stage.Stage;
import io.winnow.core.stage.StageRegistry;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a task on any machine needs to rebuild a {@link StageJob}: the stage's registry name and
 * settings (as JSON), its name, the pass, the inputs, the output and the run options. Small and
 * {@link Serializable}, so an engine ships it to its workers instead of the job (whose pipelines
 * and indexes are not).
 *
 * <p>A JVM rebuilds a recipe's job once and reuses it for every shard it runs; the driver
 * {@link #remember}s its own job, so tasks that run in the driver's JVM (Spark {@code local[N]})
 * share the driver's pipelines and indexes instead of binding them again.
 */
public record JobRecipe(String kind, String name, String settingsJson, String pass, List<String> inputs,
                        String output, RunOptions options) implements Serializable {
    /** Jobs of the last few passes this JVM ran: an executor that serves a long pipeline keeps a bounded number. */
    private static final int KEEP = 4;
    private static final Map<JobRecipe, StageJob> JOBS = Collections.synchronizedMap(new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<JobRecipe, StageJob> eldest) {
            return size() > KEEP;
        }
    });

    public JobRecipe {
        inputs = List.copyOf(inputs);
    }

    /** The recipe of {@code stage}'s pass {@code pass}; paths are made absolute so they mean the same on any machine. */
    public static JobRecipe of(ShardedStage stage, String pass, List<Path> inputs, Path output, RunOptions options) {
        List<String> in = new ArrayList<>(inputs.size());
        for (Path p : inputs) in.add(p.toAbsolutePath().normalize().toString());
        return new JobRecipe(stage.kind(), stage.name(), stage.settings().toString(), pass, in,
                output.toAbsolutePath().normalize().toString(), options);
    }

    /** The job, rebuilt in this JVM on first use (or the one the driver remembered); tasks of one pass wait for one build. */
    public StageJob job() {
        return JOBS.computeIfAbsent(this, JobRecipe::rebuild);
    }

    /** Lets tasks in this JVM use {@code job} for this recipe; call {@link #forget} when the job is done. */
    public void remember(StageJob job) {
        JOBS.put(this, job);
    }

    public void forget() {
        JOBS.remove(this);
    }

    private StageJob rebuild() {
        String source = "stage '" + name + "' rebuilt for a task";
        var provider = StageRegistry.load().find(kind).orElseThrow(() ->
                new ConfigException(source, null, "stage kind '" + kind + "' is not on this machine's classpath"));
        try {
            Stage stage = provider.bind(Config.of(Config.binder().readTree(settingsJson), source)).withName(name);
            if (!(stage instanceof ShardedStage s)) {
                throw new ConfigException(source, null, "stage kind '" + kind + "' cannot run its shards on another engine");
            }
            List<Path> in = new ArrayList<>(inputs.size());
            for (String p : inputs) in.add(Path.of(p));
            return s.job(pass, in, Path.of(output), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
