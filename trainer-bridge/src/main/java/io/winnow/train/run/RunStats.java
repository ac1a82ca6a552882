package io.winnow.train.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code stats.json} of a training run, as every Winnow stage directory has one (so {@code winnow report} finds the
 * run): status, wall time, the mixture, steps, tokens, first and last loss, validation loss, tokens/s, the last
 * checkpoint and the settings. Written atomically at the end of a run.
 */
public final class RunStats {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunStats() {}

    public static void write(Path dir, String stage, Pretrainer.Result r, Path mixture, JsonNode settings, double seconds) throws IOException {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("stage", stage);
        stats.put("status", r.finished() ? "complete" : "stopped");
        stats.put("wall_seconds", seconds);
        stats.put("mixture", mixture.toString());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("steps", r.steps());
        t.put("tokens", r.tokens());
        t.put("first_loss", Double.isNaN(r.firstLoss()) ? null : r.firstLoss());
        t.put("last_loss", Double.isNaN(r.lastLoss()) ? null : r.lastLoss());
        t.put("val_loss", r.lastValLoss());
        t.put("tokens_per_s", r.tokensPerSecond());
        t.put("checkpoint", r.lastCheckpoint() == null ? null : r.lastCheckpoint().toString());
        stats.put("train", t);
        stats.put("settings", settings);
        Path tmp = dir.resolve("stats.json.tmp");
        JSON.writeValue(tmp.toFile(), stats);
        Files.move(tmp, dir.resolve("stats.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
