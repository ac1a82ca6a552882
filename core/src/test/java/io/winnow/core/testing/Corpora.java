package io.winnow.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The shared real-text corpora ({@code ../shared/corpora}): found through {@code scripts/corpora.sh},
 * which builds them on first use. Tests that need them call {@link #dir()}.
 */
public final class Corpora {
    private static Path dir;

    private Corpora() {}

    /** The repository root: {@code -Dwinnow.repo}, else the first parent holding {@code scripts/corpora.sh}. */
    public static Path repo() {
        String p = System.getProperty("winnow.repo");
        if (p != null) return Path.of(p).toAbsolutePath().normalize();
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("scripts/corpora.sh"))) return d;
        }
        throw new IllegalStateException("cannot find the repository root; set -Dwinnow.repo");
    }

    public static synchronized Path dir() throws IOException, InterruptedException {
        if (dir != null) return dir;
        Path repo = repo();
        String out = Processes.run(new ProcessBuilder("bash", repo.resolve("scripts/corpora.sh").toString())
                .directory(repo.toFile()), 30).strip();
        dir = Path.of(out.lines().reduce((a, b) -> b).orElse(out));
        return dir;
    }

    /** A file inside the corpora, e.g. {@code warc/debian-reference.warc.gz}. */
    public static Path file(String relative) throws IOException, InterruptedException {
        Path f = dir().resolve(relative);
        if (!Files.exists(f)) throw new IllegalStateException("corpus file missing: " + f);
        return f;
    }
}
