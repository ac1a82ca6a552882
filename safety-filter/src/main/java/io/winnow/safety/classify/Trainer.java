package io.winnow.safety.classify;

import io.winnow.core.shard.BadRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Trains a {@link LinearModel}: logistic regression on hashed n-gram features with AdaGrad
 * stochastic gradient descent, single-threaded so that the same input, settings and seed give the
 * same model bit for bit. A fixed fraction of the documents, chosen by a hash of the seed and each
 * document's id, is held out and never trained on; precision, recall and F1 on it are the report.
 */
public final class Trainer {
    /**
     * @param positive      the positive label; null: "1" or "true" when the labels are 0/1 or booleans
     * @param testFraction  share of documents held out for evaluation
     * @param balance       weight examples so both classes count equally
     * @param shuffleBuffer examples held in memory to shuffle each epoch
     */
    public record Settings(FeatureSettings features, String textField, String labelField, String positive,
                           int epochs, double learningRate, double l2, double testFraction, long seed, boolean balance,
                           float threshold, int shuffleBuffer) {
        public Settings {
            if (epochs < 1) throw new IllegalArgumentException("--epochs must be at least 1");
            if (!(learningRate > 0)) throw new IllegalArgumentException("--learning-rate must be positive");
            if (l2 < 0) throw new IllegalArgumentException("--l2 must be >= 0");
            if (!(testFraction >= 0 && testFraction < 1)) throw new IllegalArgumentException("--test-fraction must be in [0, 1)");
            if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("--threshold must be in (0, 1)");
            if (shuffleBuffer < 1) throw new IllegalArgumentException("--shuffle-buffer must be positive");
        }
    }

    /** The model and what training measured. */
    public record Result(LinearModel model, Map<String, Object> report, Metrics heldOut) {}

    private Trainer() {}

    public static Result train(List<Path> inputs, Settings s, Path workDir, Consumer<String> log) throws IOException {
        return train(inputs, s, workDir, log, b -> { });
    }

    /** As above; unreadable input records go to {@code onBadRecord} (and the first few to the log). */
    public static Result train(List<Path> inputs, Settings s, Path workDir, Consumer<String> log,
                               Consumer<BadRecord> onBadRecord) throws IOException {
        long t0 = System.nanoTime();
        HashedFeatures features = new HashedFeatures(s.features());
        Map<String, Integer> labelIds = new TreeMap<>();
        List<String> labelNames = new ArrayList<>();
        long[] labelCounts = new long[64];
        List<BadRecord> badSamples = new ArrayList<>();
        try (ExampleStore train = new ExampleStore(workDir, "train"); ExampleStore test = new ExampleStore(workDir, "test")) {
            IOException[] failure = new IOException[1];
            long[] read = new long[1];
            LabelledDocs.Counts counts = LabelledDocs.read(inputs, s.textField(), s.labelField(), ex -> {
                if (failure[0] != null) return;
                Integer id = labelIds.get(ex.label());
                if (id == null) {
                    if (labelNames.size() == 64) throw new IllegalArgumentException("more than 64 distinct values in label field '" + s.labelField() + "'");
                    id = labelNames.size();
                    labelIds.put(ex.label(), id);
                    labelNames.add(ex.label());
                }
                labelCounts[id]++;
                try {
                    (heldOut(ex, s) ? test : train).add(id, features.vector(ex.text()));
                } catch (IOException e) {
                    failure[0] = e;
                }
                if (++read[0] % 10_000 == 0) log.accept(String.format(Locale.ROOT, "  featurized %,d documents", read[0]));
            }, b -> {
                if (badSamples.size() < 5) badSamples.add(b);
                onBadRecord.accept(b);
            });
            if (failure[0] != null) throw failure[0];
            for (BadRecord b : badSamples) log.accept("  skipped bad record: " + b.describe());
            if (labelNames.size() < 2) {
                throw new IllegalArgumentException("label field '" + s.labelField() + "' has " + labelNames.size()
                        + " distinct value(s) " + labelNames + " in " + read[0] + " labelled documents; need two classes"
                        + (counts.unlabelled > 0 ? " (" + counts.unlabelled + " documents had no label)" : ""));
            }
            String positive = positive(s, labelNames);
            int pos = labelIds.get(positive);
            String negative = labelNames.size() == 2 ? labelNames.get(1 - pos) : "not-" + positive;
            long nPos = labelCounts[pos];
            long nNeg = read[0] - nPos;
            log.accept(String.format(Locale.ROOT, "  %,d labelled documents (%s), %,d for training, %,d held out; positive: %s",
                    read[0], describe(labelNames, labelCounts), train.count(), test.count(), positive));
            if (train.count() == 0) throw new IllegalArgumentException("no documents left for training: lower --test-fraction");

            // the class weights balance the training set when asked
            double wPos = 1;
            double wNeg = 1;
            if (s.balance() && nPos > 0 && nNeg > 0) {
                wPos = read[0] / (2.0 * nPos);
                wNeg = read[0] / (2.0 * nNeg);
            }

            float[] w = new float[s.features().buckets()];
            float[] g2 = new float[s.features().buckets()];
            double[] bias = {0, 0}; // value, squared-gradient sum
            List<Map<String, Object>> epochs = new ArrayList<>();
            for (int e = 0; e < s.epochs(); e++) {
                double[] loss = {0};
                long[] seen = {0};
                double fwPos = wPos;
                double fwNeg = wNeg;
                SplittableRandom rnd = new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + e);
                train.forEachShuffled(s.shuffleBuffer(), rnd, it -> {
                    boolean y = it.label() == pos;
                    double z = bias[0];
                    int[] idx = it.x().index();
                    float[] val = it.x().value();
                    for (int i = 0; i < idx.length; i++) z += w[idx[i]] * val[i];
                    double p = LinearModel.sigmoid(z);
                    double weight = y ? fwPos : fwNeg;
                    loss[0] += weight * (y ? -Math.log(Math.max(p, 1e-12)) : -Math.log(Math.max(1 - p, 1e-12)));
                    double g = weight * (p - (y ? 1 : 0));
                    for (int i = 0; i < idx.length; i++) {
                        int k = idx[i];
                        double gi = g * val[i] + s.l2() * w[k];
                        g2[k] += (float) (gi * gi);
                        w[k] -= (float) (s.learningRate() * gi / Math.sqrt(g2[k] + 1e-8));
                    }
                    bias[1] += g * g;
                    bias[0] -= s.learningRate() * g / Math.sqrt(bias[1] + 1e-8);
                    seen[0]++;
                });
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("epoch", e + 1);
                em.put("train_log_loss", Metrics.round(loss[0] / Math.max(1, seen[0])));
                epochs.add(em);
                log.accept(String.format(Locale.ROOT, "  epoch %d/%d: training log loss %.4f", e + 1, s.epochs(), loss[0] / Math.max(1, seen[0])));
            }
            LinearModel model = new LinearModel(s.features(), positive, negative, s.threshold(), w, (float) bias[0]);

            Metrics heldOut = evaluate(model, test, pos);
            Metrics onTrain = evaluate(model, train, pos);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("inputs", inputs.stream().map(Path::toString).toList());
            report.put("text_field", s.textField());
            report.put("label_field", s.labelField());
            report.put("positive", positive);
            report.put("negative", negative);
            Map<String, Long> byLabel = new LinkedHashMap<>();
            for (int i = 0; i < labelNames.size(); i++) byLabel.put(labelNames.get(i), labelCounts[i]);
            report.put("labels", byLabel);
            report.put("documents", read[0]);
            report.put("unlabelled", counts.unlabelled);
            report.put("without_text", counts.noText);
            report.put("bad_records", counts.badRecords);
            report.put("train_documents", train.count());
            report.put("held_out_documents", test.count());
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("buckets", s.features().buckets());
            settings.put("word_ngrams", s.features().wordNgrams());
            settings.put("char_ngrams", s.features().minChars() == 0 ? "none" : s.features().minChars() + ".." + s.features().maxChars());
            settings.put("max_tokens", s.features().maxTokens());
            settings.put("epochs", s.epochs());
            settings.put("learning_rate", s.learningRate());
            settings.put("l2", s.l2());
            settings.put("test_fraction", s.testFraction());
            settings.put("balance", s.balance());
            settings.put("seed", s.seed());
            settings.put("threshold", s.threshold());
            report.put("settings", settings);
            report.put("epochs", epochs);
            report.put("held_out", heldOut.toMap());
            report.put("train", onTrain.toMap());
            report.put("seconds", Math.round(seconds * 10) / 10.0);
            return new Result(model, report, heldOut);
        }
    }

    /** Held out when a hash of (seed, id or position) falls below the test fraction: stable under reordering. */
    static boolean heldOut(LabelledDocs.Example ex, Settings s) {
        if (s.testFraction() == 0) return false;
        String key = ex.id() != null ? ex.id() : "#" + ex.ordinal();
        long h = HashedFeatures.hash(key, s.seed() * 0x2545F4914F6CDD1DL);
        double u = (h >>> 11) * 0x1.0p-53;
        return u < s.testFraction();
    }

    static String positive(Settings s, List<String> labels) {
        if (s.positive() != null) {
            if (!labels.contains(s.positive())) {
                throw new IllegalArgumentException("--positive '" + s.positive() + "' is not a value of label field '" + s.labelField() + "' " + labels);
            }
            return s.positive();
        }
        for (String p : List.of("1", "true")) {
            if (labels.size() == 2 && labels.contains(p)) return p;
        }
        throw new IllegalArgumentException("name the positive label with --positive (values of '" + s.labelField() + "': " + labels + ")");
    }

    static Metrics evaluate(LinearModel model, ExampleStore store, int pos) throws IOException {
        Metrics m = new Metrics();
        store.forEach(it -> m.add(model.probability(it.x()) >= model.threshold(), it.label() == pos));
        return m;
    }

    private static String describe(List<String> names, long[] counts) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) parts.add(String.format(Locale.ROOT, "%s %,d", names.get(i), counts[i]));
        return String.join(", ", parts);
    }
}
