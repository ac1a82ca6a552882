package io.winnow.safety.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageResult;
import io.winnow.core.progress.Progress;
import io.winnow.core.stage.PipelineStage;
import io.winnow.core.stage.StageLauncher;
import io.winnow.core.testing.Corpora;
import io.winnow.core.testing.StageOutputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetyStageTest {
    @TempDir Path tmp;

    @Test
    void withoutConfigOnlyPiiRedactionRuns() {
        PipelineStage s = (PipelineStage) new SafetyStage().bind(Config.empty("(none)"));
        assertEquals(List.of("pii_redact"), s.steps().stream().map(x -> x.name()).toList());
        assertEquals("pii_redact", s.settings().get("steps").get(0).get("type").asText(), "stats record the defaults");
    }

    @Test
    void theDefaultConfigBindsAndUnknownStepsAreNamed() throws Exception {
        Path repo = Corpora.repo();
        // the shipped config names repository-relative paths; bind it with them made absolute
        String yaml = Files.readString(repo.resolve("configs/safety/default.yaml")).replace("configs/safety/", repo.resolve("configs/safety") + "/");
        Path cfg = tmp.resolve("default.yaml");
        Files.writeString(cfg, yaml);
        PipelineStage s = (PipelineStage) new SafetyStage().bind(Config.load(cfg));
        assertEquals(List.of("domain_blocklist", "keyword_blocklist", "pii_redact", "upsample"), s.steps().stream().map(x -> x.name()).toList());
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> new SafetyStage().bind(Config.load(cfg).set(List.of("steps[1].type=keyword_blocklst"))));
        assertTrue(e.getMessage().contains("keyword_blocklst") && e.getMessage().contains("keyword_blocklist"), e.getMessage());
    }

    @Test
    void sameOutputForOneAndTwoWorkers() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        List<String> mails = Files.readAllLines(Corpora.file("jsonl/emails.jsonl"));
        for (int shard = 0; shard < 3; shard++) {
            StringBuilder sb = new StringBuilder();
            for (int i = shard; i < 600; i += 3) sb.append(mails.get(i)).append('\n');
            Files.writeString(in.resolve("part-" + shard + ".jsonl"), sb);
        }
        Map<String, String> first = null;
        for (int w : new int[] {1, 2}) {
            RunOptions o = StageLauncher.options(w, 42, "none", 256, false, false, "off");
            StageResult r = StageLauncher.run("safety", null, List.of(), List.of(in), tmp.resolve("out-" + w), o);
            assertEquals(600, r.docsIn());
            Map<String, String> out = StageOutputs.contents(tmp.resolve("out-" + w));
            assertTrue(out.values().stream().anyMatch(t -> t.contains("[EMAIL]")));
            if (first == null) first = out; else StageOutputs.assertSame(first, out);
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StageLauncher.options(1, 42, "lz4", 256, false, false, "off"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StageLauncher.options(1, 42, "zstd", 256, false, false, "sometimes"));
        assertEquals(Progress.Mode.LOG, StageLauncher.options(null, 1, "gzip", 1, true, true, "log").progress());
    }
}
