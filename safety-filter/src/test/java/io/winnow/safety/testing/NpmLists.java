package io.winnow.safety.testing;

import io.winnow.core.testing.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Open keyword lists fetched from npm at test time by the project's own script (never committed). */
public final class NpmLists {
    private NpmLists() {}

    /** {@code configs/safety/fetch-lists.sh --source NAME} into a cache under the build directory. */
    public static synchronized Path fetch(String source) throws Exception {
        Path repo = Corpora.repo();
        Path out = repo.resolve("safety-filter/target/npm-lists").resolve(source);
        Path done = out.resolve(".complete");
        if (Files.exists(done)) return out;
        // never inherit the test JVM's stdin/stdout: npm makes stdin non-blocking and breaks surefire's channel
        io.winnow.core.testing.Processes.run(new ProcessBuilder("bash", repo.resolve("configs/safety/fetch-lists.sh").toString(),
                "--source", source, out.toString()).directory(repo.toFile()), 5);
        Files.writeString(done, "");
        return out;
    }

    /** Runs {@code npm pack PACKAGE} into a cache and returns the unpacked {@code package/} directory. */
    public static synchronized Path pack(String pkg) throws Exception {
        Path repo = Corpora.repo();
        Path out = repo.resolve("safety-filter/target/npm-packages").resolve(pkg.replace('/', '_').replace('@', '_'));
        Path done = out.resolve(".complete");
        if (Files.exists(done)) return out.resolve("package");
        Files.createDirectories(out);
        io.winnow.core.testing.Processes.run(new ProcessBuilder("bash", "-c",
                "npm pack --silent \"$0\" >/dev/null && tar xzf *.tgz && rm -f *.tgz", pkg).directory(out.toFile()), 5);
        Files.writeString(done, "");
        return out.resolve("package");
    }
}
