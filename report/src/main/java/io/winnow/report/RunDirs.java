package io.winnow.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the stages of a run: a pipeline output directory ({@code pipeline.json} plus {@code NN-name/}
 * stage directories, in order) or a single stage directory ({@code stats.json}). Several directories
 * are reported in the order given.
 */
final class RunDirs {
    /** One stage: its directory and parsed stats.json. */
    record StageDir(String name, Path dir, JsonNode stats) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunDirs() {}

    static List<StageDir> stages(List<Path> runDirs) throws IOException {
        List<StageDir> out = new ArrayList<>();
        for (Path run : runDirs) {
            if (!Files.isDirectory(run)) throw new NoSuchFileException(run.toString(), null, "not a directory");
            if (Files.exists(run.resolve("stats.json"))) {
                out.add(read(run));
                continue;
            }
            List<Path> subs;
            try (Stream<Path> s = Files.list(run)) {
                subs = s.filter(p -> Files.exists(p.resolve("stats.json"))).sorted().toList();
            }
            if (subs.isEmpty()) throw new IOException(run + ": no stats.json here or in its subdirectories (is this a Winnow run?)");
            for (Path p : subs) out.add(read(p));
        }
        return out;
    }

    private static StageDir read(Path dir) throws IOException {
        JsonNode st = JSON.readTree(dir.resolve("stats.json").toFile());
        String name = st.path("stage").asText(dir.getFileName().toString());
        return new StageDir(name, dir, st);
    }

    /** Optional JSON files beside the stages (pipeline.json, manifest.json...). */
    static JsonNode optional(Path file) throws IOException {
        return Files.exists(file) ? JSON.readTree(file.toFile()) : null;
    }
}
