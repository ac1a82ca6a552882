package io.winnow.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.config.Config;
import io.winnow.core.exec.StageResult;
import io.winnow.core.progress.Progress;
import io.winnow.core.stage.PipelineRunner;
import io.winnow.train.metrics.MetricsLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline ending in mix → train, as the quickstart pipeline does; a re-run resumes and finds the run finished. */
class TrainStageTest {
    @TempDir Path tmp;

    @Test
    void trainStageTrainsOnThePreviousMixStage() throws Exception {
        Path sample = TinyMixture.repo().resolve("data/sample");
        TinyMixture.dir(); // the sample data and a tokenizer
        Path model = Path.of("target", "train-test-mix", "fortunes4k.model").toAbsolutePath();
        Path pipeline = tmp.resolve("pipeline.yaml");
        Files.writeString(pipeline, """
                name: mix-train
                input: ["%s", "%s"]
                output: %s
                stages:
                  - stage: mix
                    config:
                      tokenizer: %s
                      token_budget: 300000
                      validation_share: 0.05
                      sources:
                        - {name: en, filters: ["lang == en"], share: 0.6}
                        - {name: zh, filters: ["lang == zh"], share: 0.4}
                  - stage: train
                    config:
                      name: tiny-stage
                      preset: tiny
                      train: {steps: 30, warmup_steps: 5, eval_interval: 30, log_interval: 10}
                """.formatted(sample.resolve("fortunes-en"), sample.resolve("fortunes-zh"), tmp.resolve("run"), model));
        List<String> log = new ArrayList<>();
        PipelineRunner.Overrides o = new PipelineRunner.Overrides(1, false, false, Progress.Mode.OFF);
        List<StageResult> r = PipelineRunner.run(Config.load(pipeline), o, log::add);
        assertEquals(2, r.size());
        Path trainDir = r.get(1).output();
        JsonNode stats = new ObjectMapper().readTree(trainDir.resolve("stats.json").toFile());
        assertEquals("complete", stats.path("status").asText());
        assertEquals(30, stats.path("train").path("steps").asLong());
        assertEquals(r.get(0).output().toString(), stats.path("mixture").asText());
        assertTrue(stats.path("train").path("last_loss").asDouble() < stats.path("train").path("first_loss").asDouble() - 1.0,
                stats.toPrettyString());
        assertTrue(Files.exists(trainDir.resolve(MetricsLog.FILE)) && Files.exists(trainDir.resolve(Pretrainer.LOSS_PNG)));
        String before = Files.readString(trainDir.resolve(MetricsLog.FILE));

        // a second run of the pipeline: the train stage resumes at its last checkpoint, which is the end
        List<StageResult> again = PipelineRunner.run(Config.load(pipeline), o, log::add);
        assertEquals(1, again.get(1).resumedShards());
        assertEquals(before, Files.readString(trainDir.resolve(MetricsLog.FILE)));
        JsonNode statsAgain = new ObjectMapper().readTree(trainDir.resolve("stats.json").toFile());
        for (String k : new String[] {"first_loss", "last_loss", "val_loss", "checkpoint"}) {
            assertEquals(stats.path("train").path(k), statsAgain.path("train").path(k), "a re-run that trains nothing keeps " + k);
        }
        assertTrue(again.get(1).summary().startsWith("finished earlier at step 30 "), again.get(1).summary());
    }
}
