package io.winnow.bench.ingest;

import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageResult;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.Compression;
import io.winnow.ingest.IngestStageProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Shared plumbing of the ingest benchmarks: where the corpora are, running the stage, reading its output. */
final class BenchSupport {
    private BenchSupport() {}

    /** The shared corpora: {@code WINNOW_CORPORA}, else {@code ../corpora} beside the repository. */
    static Path corpora(Path repo) {
        String env = System.getenv("WINNOW_CORPORA");
        Path p = env != null ? Path.of(env) : repo.resolve("../corpora").normalize();
        if (!Files.exists(p.resolve("MANIFEST.tsv"))) {
            throw new IllegalStateException("corpora not found at " + p + ": run scripts/corpora.sh or set WINNOW_CORPORA");
        }
        return p;
    }

    static Path repo() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("bench")) && Files.exists(p.resolve("scripts/corpora.sh"))) return p;
        }
        throw new IllegalStateException("run from inside the Winnow repository");
    }

    static StageResult ingest(List<Path> inputs, Path out, int workers, String... sets) throws Exception {
        deleteTree(out);
        Config c = Config.empty("bench").set(List.of(sets));
        RunOptions o = new RunOptions(workers, 42, Compression.NONE, -1, RunOptions.DEFAULT_MAX_SHARD_BYTES, 64 << 20,
                false, true, Progress.Mode.OFF);
        return new IngestStageProvider().bind(c).run(inputs, out, o);
    }

    static List<Document> docs(Path dir) throws IOException {
        List<Document> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                Compression c = Compression.of(p);
                try (InputStream in = c.decode(Files.newInputStream(p))) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isBlank()) out.add(DocumentJson.parse(line));
                    }
                }
            }
        }
        return out;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }

    static String f3(double d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d);
    }
}
