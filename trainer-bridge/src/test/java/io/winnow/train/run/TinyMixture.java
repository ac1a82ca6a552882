package io.winnow.train.run;

import io.winnow.mixture.cli.MixCommand;
import io.winnow.tokenizer.cli.TokenizerCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * A small real mixture made the way a user makes one: the project's sample text (Debian's fortunes: English
 * fortunes and Chinese poems, scripts/fetch-sample-data.sh), a 4,000-piece BPE tokenizer trained on it with
 * {@code winnow tokenizer train}, and {@code winnow mix} at 60 % English and 40 % Chinese tokens with 5 % held out
 * for validation (about 1.5M training tokens). Built once under {@code target/train-test-mix}.
 */
final class TinyMixture {
    private static Path dir;

    private TinyMixture() {}

    static synchronized Path dir() throws Exception {
        if (dir != null) return dir;
        Path repo = repo();
        Path sample = repo.resolve("data/sample");
        if (!Files.exists(sample.resolve(".complete"))) {
            Process p = new ProcessBuilder("bash", repo.resolve("scripts/fetch-sample-data.sh").toString()).directory(repo.toFile())
                    .inheritIO().start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IllegalStateException("scripts/fetch-sample-data.sh failed");
        }
        Path work = Path.of("target", "train-test-mix").toAbsolutePath();
        Path mix = work.resolve("mix");
        if (!Files.exists(mix.resolve("manifest.json"))) {
            Files.createDirectories(work);
            Path model = work.resolve("fortunes4k.model");
            if (!Files.exists(model)) {
                run(new TokenizerCommand(), "train", "--input", sample.resolve("fortunes-en") + "," + sample.resolve("fortunes-zh"),
                        "--model_prefix", work.resolve("fortunes4k").toString(), "--vocab_size", "4000", "--character_coverage", "0.995",
                        "--byte_fallback", "--split_digits", "--quiet");
            }
            Path yaml = work.resolve("mix.yaml");
            Files.writeString(yaml, """
                    name: train-test
                    tokenizer: %s
                    eod: "</s>"
                    seed: 42
                    validation_share: 0.05
                    sources:
                      - {name: en, paths: ["%s"], share: 0.6}
                      - {name: zh, paths: ["%s"], share: 0.4}
                    """.formatted(model, sample.resolve("fortunes-en"), sample.resolve("fortunes-zh")));
            run(new MixCommand(), yaml.toString(), "--output", mix.toString(), "--progress", "off");
        }
        dir = mix;
        return dir;
    }

    static Path repo() {
        String p = System.getProperty("winnow.repo");
        Path r = p != null ? Path.of(p) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.exists(r.resolve("scripts/fetch-sample-data.sh"))) throw new IllegalStateException("cannot find the repository root: " + r);
        return r;
    }

    private static void run(Object command, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int rc = cl.execute(args);
        if (rc != 0) throw new IllegalStateException(command.getClass().getSimpleName() + " failed (exit " + rc + "):\n" + out);
    }
}
