package io.winnow.safety.classify;

import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code toxicity_classifier}: scores each document with a model from {@code winnow safety train}
 * (P(positive label)) into {@code scores.classifier.LABEL}, and drops documents at or above the
 * threshold (rule: the positive label) unless {@code action: tag}.
 */
public final class ClassifierStep implements Step {
    public enum Action { DROP, TAG }

    public static final class Params implements Config.Validatable {
        /** A model file written by {@code winnow safety train}. */
        public String model;
        /** Decision threshold; null: the one stored in the model (0.5 unless chosen at training). */
        public Double threshold;
        public Action action = Action.DROP;
        /** Score key; null: {@code classifier.POSITIVE_LABEL}. */
        public String score;
        /** The document field to classify: {@code text} or another top-level string field. */
        public String field = "text";

        private transient LinearModel loaded;

        @Override
        public void validate() {
            if (model == null) throw new IllegalArgumentException("model: name a model file (winnow safety train --output FILE)");
            if (!Files.isRegularFile(Path.of(model))) throw new IllegalArgumentException("model: no such file: " + model);
            if (threshold != null && !(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("threshold must be in (0, 1)");
            loaded(); // a model that does not load is a config error, found before any shard runs
        }

        public synchronized LinearModel loaded() {
            if (loaded == null) {
                try {
                    loaded = LinearModel.load(Path.of(model));
                } catch (IOException e) {
                    throw new IllegalArgumentException("model: " + e.getMessage());
                }
            }
            return loaded;
        }
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "toxicity_classifier"; }
        @Override public String description() { return "score with a linear classifier from `winnow safety train`; drop at or above the threshold"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new ClassifierStep(name, p); }
    }

    private final String name;
    private final Params p;
    private final LinearModel model;
    private final double threshold;
    private final String scoreKey;

    public ClassifierStep(String name, Params p) {
        this.name = name;
        this.p = p;
        try {
            this.model = p.loaded();
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException(e.getMessage()));
        }
        this.threshold = p.threshold != null ? p.threshold : model.threshold();
        this.scoreKey = p.score != null ? p.score : "classifier." + model.positive();
    }

    @Override
    public String name() { return name; }

    @Override
    public void process(Document doc, Emitter out) {
        String text = LabelledDocs.text(doc, p.field);
        if (text == null || text.isEmpty()) {
            out.count("no_text", 1);
            out.emit(doc);
            return;
        }
        double prob = model.probability(text);
        doc.scores().put(scoreKey, Math.round(prob * 10000) / 10000.0);
        if (prob >= threshold) {
            out.count("above_threshold", 1);
            if (p.action == Action.DROP) {
                out.reject(doc, model.positive());
                return;
            }
        }
        out.emit(doc);
    }
}
