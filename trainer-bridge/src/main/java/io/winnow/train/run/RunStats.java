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
 * checkpoint and the settings. Written atomically at the end of a run. A call that trained no step (the run had
 * finished before) keeps the losses, speed and checkpoint the earlier call recorded.
 */
public final class RunStats {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunStats() {}

    /** Writes {@code dir/stats.json}; returns its {@code train} section. */
    public static JsonNode write(Path dir, String stage, Pretrainer.Result r, Path mixture, JsonNode settings, double seconds) throws IOException {
        Path file = dir.resolve("stats.json");
        JsonNode before = Files.exists(file) ? JSON.readTree(file.toFile()).path("train") : null;
        boolean trainedNow = !Double.isNaN(r.firstLoss());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("stage", stage);
        stats.put("status", r.finished() ? "complete" : "stopped");
        stats.put("wall_seconds", seconds);
        stats.put("mixture", mixture.toString());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("steps", r.steps());
        t.put("tokens", r.tokens());
        if (trainedNow || before == null) {
            t.put("first_loss", Double.isNaN(r.firstLoss()) ? null : r.firstLoss());
            t.put("last_loss", Double.isNaN(r.lastLoss()) ? null : r.lastLoss());
            t.put("val_loss", r.lastValLoss());
            t.put("tokens_per_s", r.tokensPerSecond());
            t.put("checkpoint", r.lastCheckpoint() == null ? null : r.lastCheckpoint().toString());
        } else {
            for (String k : new String[] {"first_loss", "last_loss", "val_loss", "tokens_per_s", "checkpoint"}) {
                t.put(k, before.get(k));
            }
        }
        stats.put("train", t);
        stats.put("settings", settings);
        Path tmp = dir.resolve("stats.json.tmp");
        JSON.writeValue(tmp.toFile(), stats);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return JSON.valueToTree(t);
    }
}
