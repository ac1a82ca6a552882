package io.winnow.train.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per line with a {@code step} and numbers — a training step's {@code loss},
 * {@code z_loss}, {@code lr}, {@code grad_norm}, {@code tokens}, {@code tokens_per_s}, or an evaluation's
 * {@code val_loss}. Lines are flushed as written, so a crash loses at most the line being written. On resume the
 * lines after the checkpoint's step are dropped first (those steps run again), keeping one clean curve.
 */
public final class MetricsLog implements Closeable {
    public static final String FILE = "metrics.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedWriter out;

    private MetricsLog(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** Opens DIR/metrics.jsonl; with {@code keepThroughStep} ≥ 0 keeps only lines up to that step, otherwise starts empty. */
    public static MetricsLog open(Path dir, long keepThroughStep) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(FILE);
        if (keepThroughStep >= 0 && Files.exists(f)) {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                try {
                    JsonNode n = JSON.readTree(line);
                    if (n.path("step").asLong(Long.MAX_VALUE) <= keepThroughStep) kept.add(line);
                } catch (IOException e) {
                    // a line cut by a crash: dropped
                }
            }
            Path tmp = dir.resolve(FILE + ".tmp");
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.deleteIfExists(f);
        }
        return new MetricsLog(f, Files.newBufferedWriter(f, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    public Path file() { return file; }

    public void write(Map<String, ?> record) throws IOException {
        out.write(JSON.writeValueAsString(record));
        out.write('\n');
        out.flush();
    }

    /** An ordered record starting with its step. */
    public static Map<String, Object> record(long step) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        return m;
    }

    /** All records of a metrics file, in order. */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) out.add(JSON.readTree(line));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
