package io.winnow.core.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.engine.Engines;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageResult;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.Compression;
import io.winnow.core.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a pipeline file. Every stage is bound and checked before the first one starts, so a typo in
 * stage five fails in a second, not after hours. Stages resume like single runs: re-running a
 * pipeline skips the shards (and so the stages) that are already done.
 */
public final class PipelineRunner {
    /** Settings from the command line that win over the file. */
    public record Overrides(Integer workers, boolean overwrite, boolean failFast, Progress.Mode progress, String engine) {
        public Overrides(Integer workers, boolean overwrite, boolean failFast, Progress.Mode progress) {
            this(workers, overwrite, failFast, progress, null);
        }
    }

    /**
     * A bound stage and where it reads and writes.
     *
     * @param engine the stage's own {@code engine:} (null: the pipeline's default)
     */
    public record PlannedStage(Stage stage, List<Path> inputs, Path output, String engine) {
        public PlannedStage(Stage stage, List<Path> inputs, Path output) {
            this(stage, inputs, output, null);
        }

        /**
         * The options this stage runs with: its own engine, else the default engine where the stage can run
         * there, else local.
         */
        public RunOptions options(RunOptions pipeline, String defaultEngine) {
            if (engine != null) return pipeline.withEngine(engine);
            if (defaultEngine != null && stage.runsOn(defaultEngine)) return pipeline.withEngine(defaultEngine);
            return pipeline.withEngine(RunOptions.LOCAL);
        }
    }

    private PipelineRunner() {}

    public static List<PlannedStage> plan(Config pipelineConfig, StageRegistry registry) {
        PipelineSpec spec = pipelineConfig.bind(PipelineSpec.class);
        Path out = Path.of(spec.output);
        List<Path> inputs = spec.input.stream().map(Path::of).toList();
        List<PlannedStage> plan = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.stages.size(); i++) {
            PipelineSpec.StageEntry e = spec.stages.get(i);
            String key = "stages[" + i + "]";
            StageProvider provider = registry.find(e.stage).orElseThrow(() -> {
                if (StageNotBuiltException.PLANNED.containsKey(e.stage)) return new StageNotBuiltException(e.stage);
                return new ConfigException(pipelineConfig.sourceFor(key + ".stage"), key + ".stage",
                        "unknown stage '" + e.stage + "' (known: " + String.join(", ", registry.all().keySet()) + ")");
            });
            String name = e.name == null ? e.stage : e.name;
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new ConfigException(pipelineConfig.sourceFor(key + ".name"), key + ".name", "use letters, digits, '.', '_' or '-'");
            }
            if (!names.add(name)) {
                throw new ConfigException(pipelineConfig.sourceFor(key + ".name"), key + ".name", "two stages are named '" + name + "'");
            }
            Config stageConfig = stageConfig(pipelineConfig, e, key);
            Stage stage = provider.bind(stageConfig).withName(name);
            Path stageOut = out.resolve(String.format("%02d-%s", i + 1, name));
            PlannedStage planned = new PlannedStage(stage, inputs, stageOut, e.engine);
            if (e.engine != null) Engines.check(stage, e.engine, pipelineConfig.sourceFor(key + ".engine"), key + ".engine");
            plan.add(planned);
            inputs = List.of(stageOut.resolve("kept"));
        }
        return plan;
    }

    private static Config stageConfig(Config pipeline, PipelineSpec.StageEntry e, String key) {
        if (e.configFile == null) {
            return Config.of(e.config, pipeline.sourceFor(key + ".config") + " (" + key + ".config)");
        }
        Config fromFile = Config.load(Path.of(e.configFile));
        if (e.config != null) {
            if (!e.config.isObject()) throw new ConfigException(pipeline.source(), key + ".config", "must be a mapping");
            merge(fromFile.tree(), (ObjectNode) e.config);
        }
        return fromFile;
    }

    /** Deep-merges {@code over} into {@code base}: mappings merge key by key, anything else replaces. */
    static void merge(ObjectNode base, ObjectNode over) {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode b = base.get(f.getKey());
            if (b instanceof ObjectNode bo && f.getValue() instanceof ObjectNode fo) {
                merge(bo, fo);
            } else {
                base.set(f.getKey(), f.getValue().deepCopy());
            }
        }
    }

    public static RunOptions options(Config pipelineConfig, Overrides o) {
        PipelineSpec spec = pipelineConfig.bind(PipelineSpec.class);
        int workers = o.workers() != null ? o.workers()
                : spec.workers != null ? spec.workers : Math.max(1, Runtime.getRuntime().availableProcessors());
        Compression c;
        try {
            c = Compression.parse(spec.compression);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(pipelineConfig.sourceFor("compression"), "compression", e.getMessage());
        }
        RunOptions d = RunOptions.defaults();
        return new RunOptions(workers, spec.seed, c, spec.compressionLevel, (long) spec.shardSizeMb << 20,
                d.maxRecordBytes(), o.failFast(), o.overwrite(), o.progress());
    }

    /**
     * The engine of the stages that name none: {@code override} (--engine), else the file's {@code engine:},
     * else null (local); a {@link ConfigException} when it is not on the classpath.
     */
    public static String defaultEngine(Config pipelineConfig, String override) {
        String e = override != null ? override : pipelineConfig.bind(PipelineSpec.class).engine;
        if (e != null && !e.equals(RunOptions.LOCAL)) {
            Engines.require(e, override != null ? "--engine " + e : pipelineConfig.sourceFor("engine"), "engine");
        }
        return e;
    }

    /** Plans, then runs every stage in order; writes {@code OUTPUT/pipeline.json} with the funnel. */
    public static List<StageResult> run(Config pipelineConfig, Overrides overrides, Consumer<String> log)
            throws IOException, StageFailedException {
        List<PlannedStage> plan = plan(pipelineConfig, StageRegistry.load());
        RunOptions options = options(pipelineConfig, overrides);
        PipelineSpec spec = pipelineConfig.bind(PipelineSpec.class);
        String defaultEngine = defaultEngine(pipelineConfig, overrides.engine());
        List<StageResult> results = new ArrayList<>();
        List<Map<String, Object>> funnel = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            PlannedStage p = plan.get(i);
            RunOptions stageOptions = p.options(options, defaultEngine);
            log.accept(String.format("stage %d/%d: %s -> %s%s", i + 1, plan.size(), p.stage().name(), p.output(),
                    stageOptions.local() ? "" : " (engine " + stageOptions.engine() + ")"));
            StageResult r = p.stage().run(p.inputs(), p.output(), stageOptions);
            log.accept("  " + r.summary());
            results.add(r);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", p.stage().name());
            m.put("output", p.output().toString());
            m.put("docs_in", r.docsIn());
            m.put("docs_kept", r.docsKept());
            m.put("docs_rejected", r.docsRejected());
            m.put("bad_records", r.badRecords());
            m.put("seconds", r.seconds());
            funnel.add(m);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("pipeline", spec.name);
        summary.put("source", pipelineConfig.source());
        summary.put("stages", funnel);
        AtomicFiles.writeJson(Path.of(spec.output).resolve("pipeline.json"), summary);
        return results;
    }
}
