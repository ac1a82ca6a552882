package io.winnow.safety.cli;

import io.winnow.core.cli.WinnowVersion;
import io.winnow.core.util.AtomicFiles;
import io.winnow.safety.classify.FeatureSettings;
import io.winnow.safety.classify.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code winnow safety train}: a linear text classifier from labelled documents. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = WinnowVersion.class, sortOptions = false,
        description = "Train a linear classifier (logistic regression on hashed word and character n-grams) from labelled "
                + "JSONL documents; report precision, recall and F1 on a held-out split.",
        footer = {"", "Writes the model (FILE) and the report (FILE.json). The same input, options and --seed give the same model.",
                "Use the model in a safety config: {type: toxicity_classifier, model: FILE}.",
                "Example: winnow safety train --input emails.jsonl --label-field label --positive spam --output spam.bin"})
public final class TrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-i", "--input"}, arity = "1..*", required = true, paramLabel = "PATH",
            description = "Labelled documents: .jsonl, .jsonl.gz, .jsonl.zst or directories of them.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Model file to write.")
    Path output;

    @Option(names = "--label-field", required = true, paramLabel = "F",
            description = "Field holding the label: top level, metadata.F or scores.F.")
    String labelField;

    @Option(names = "--positive", paramLabel = "LABEL",
            description = "The label the model detects (others are negative). Default: 1 or true for 0/1 or boolean labels.")
    String positive;

    @Option(names = "--text-field", paramLabel = "F", defaultValue = "text", description = "Field holding the text. Default: ${DEFAULT-VALUE}.")
    String textField;

    @Option(names = "--test-fraction", paramLabel = "X", defaultValue = "0.2", description = "Share held out for evaluation. Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5", description = "Passes over the training split. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--learning-rate", paramLabel = "X", defaultValue = "0.5", description = "AdaGrad step size. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--l2", paramLabel = "X", defaultValue = "0", description = "L2 penalty on the weights. Default: ${DEFAULT-VALUE}.")
    double l2;

    @Option(names = "--buckets-log2", paramLabel = "N", defaultValue = "20", description = "Hashed feature space of 2^N buckets. Default: ${DEFAULT-VALUE}.")
    int bucketsLog2;

    @Option(names = "--word-ngrams", paramLabel = "N", defaultValue = "2", description = "Word n-grams up to N. Default: ${DEFAULT-VALUE}.")
    int wordNgrams;

    @Option(names = "--char-ngrams", paramLabel = "MIN..MAX", defaultValue = "3..5",
            description = "Character n-grams inside words, or 'none'. Default: ${DEFAULT-VALUE}.")
    String charNgrams;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "5000", description = "Tokens read per document. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--balance", description = "Weight the classes equally (for rare positives).")
    boolean balance;

    @Option(names = "--threshold", paramLabel = "P", defaultValue = "0.5",
            description = "Decision threshold stored in the model and used for the report. Default: ${DEFAULT-VALUE}.")
    float threshold;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the split and the shuffles. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--shuffle-buffer", paramLabel = "N", defaultValue = "100000",
            description = "Examples held in memory to shuffle each epoch. Default: ${DEFAULT-VALUE}.")
    int shuffleBuffer;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Trainer.Settings s;
        try {
            int min = 0;
            int max = 0;
            if (!charNgrams.equals("none")) {
                String[] p = charNgrams.split("\\.\\.");
                if (p.length != 2) throw new IllegalArgumentException("--char-ngrams: expected MIN..MAX or none, got '" + charNgrams + "'");
                min = Integer.parseInt(p[0]);
                max = Integer.parseInt(p[1]);
            }
            if (bucketsLog2 < 4 || bucketsLog2 > 28) throw new IllegalArgumentException("--buckets-log2 must be 4..28");
            FeatureSettings f = new FeatureSettings(1 << bucketsLog2, wordNgrams, min, max, maxTokens);
            s = new Trainer.Settings(f, textField, labelField, positive, epochs, learningRate, l2, testFraction, seed, balance,
                    threshold, shuffleBuffer);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        out.println("safety train: reading " + inputs);
        out.flush();
        Path work = output.toAbsolutePath().getParent().resolve("." + output.getFileName() + ".work");
        Trainer.Result r;
        Path badFile = output.resolveSibling(output.getFileName() + ".bad-records.jsonl");
        java.nio.file.Files.deleteIfExists(badFile);
        try (BadRecordLog bad = new BadRecordLog(badFile)) {
            r = Trainer.train(inputs, s, work, line -> {
                out.println(line);
                out.flush();
            }, bad);
            if (bad.count > 0) out.println("  " + bad.count + " unreadable records skipped; kept in " + badFile);
        } catch (IllegalArgumentException e) {
            throw new io.winnow.core.config.ConfigException("safety train", null, e.getMessage());
        } finally {
            deleteQuietly(work);
        }
        r.model().save(output);
        Path report = output.resolveSibling(output.getFileName() + ".json");
        AtomicFiles.writeJson(report, r.report());
        out.println("held-out: " + r.heldOut());
        out.println("model: " + output + "  report: " + report + "  (" + r.report().get("seconds") + " s)");
        return 0;
    }

    /** Unreadable input records, one JSON object per line, written only when there are some. */
    static final class BadRecordLog implements java.util.function.Consumer<io.winnow.core.shard.BadRecord>, AutoCloseable {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
        private final Path file;
        private java.io.Writer w;
        long count;

        BadRecordLog(Path file) {
            this.file = file;
        }

        @Override
        public void accept(io.winnow.core.shard.BadRecord b) {
            try {
                if (w == null) w = java.nio.file.Files.newBufferedWriter(file);
                w.write(JSON.writeValueAsString(b.toMap()));
                w.write('\n');
                count++;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws java.io.IOException {
            if (w != null) w.close();
        }
    }

    static void deleteQuietly(Path dir) {
        try (var s = java.nio.file.Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // best effort: a leftover work directory is harmless
        }
    }
}
