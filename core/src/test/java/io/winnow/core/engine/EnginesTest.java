package io.winnow.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.stage.PipelineStage;
import io.winnow.core.stage.StageLauncher;
import io.winnow.core.stage.StepsStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine selection in core, where no Spark engine is on the classpath. */
class EnginesTest {
    @TempDir Path tmp;

    @Test
    void sparkWithoutTheSparkJarSaysWhereTheEngineIsBeforeAnythingRuns() throws Exception {
        Path in = tmp.resolve("in.jsonl");
        Files.writeString(in, "{\"id\":\"a\",\"text\":\"hello there\"}\n");
        RunOptions o = RunOptions.defaults().withEngine("spark");
        ConfigException e = assertThrows(ConfigException.class,
                () -> StageLauncher.run("steps", null, List.of("steps=[{type: text_length, min_chars: 1}]"), List.of(in),
                        tmp.resolve("out"), o));
        assertTrue(e.getMessage().contains("spark-engine/bin/winnow-spark") && e.getMessage().contains("spark-submit"),
                e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing was written");
        assertTrue(assertThrows(ConfigException.class, () -> Engines.require("flink")).getMessage().contains("unknown engine 'flink'"));
    }

    @Test
    void aRecipeRebuildsTheSameStageFromTheRegistry() throws Exception {
        var stage = (PipelineStage) new StepsStage().bind(Config.empty("(test)").set(List.of("steps=[{type: sample, rate: 0.5}]")))
                .withName("prepare");
        Path shard = tmp.resolve("s.jsonl");
        RunOptions o = RunOptions.defaults();
        JobRecipe r = JobRecipe.of(stage, "", List.of(shard), tmp.resolve("out"), o);
        var job = r.job();
        assertEquals("prepare", job.stage());
        assertEquals(List.of(shard.toAbsolutePath()), job.inputs());
        assertEquals(stage.settings(), job.settings());
        assertEquals("sample", job.pipelines().get().steps().get(0).name());
        assertTrue(stage.runsOn("spark") && stage.kind().equals("steps"));
        r.forget();
    }
}
