package io.winnow.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Winnow repository root above the working directory. */
final class RepoRoot {
    private RepoRoot() {}

    /** The nearest directory at or above {@code user.dir} holding {@code scripts/fetch-sample-data.sh}, or null. */
    static Path find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/fetch-sample-data.sh")) && Files.isDirectory(p.resolve("bench"))) {
                return p;
            }
        }
        return null;
    }
}
