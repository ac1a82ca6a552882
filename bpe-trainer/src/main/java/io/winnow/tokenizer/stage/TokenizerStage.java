package io.winnow.tokenizer.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageLayout;
import io.winnow.core.exec.StageResult;
import io.winnow.core.shard.ShardFiles;
import io.winnow.core.stage.Stage;
import io.winnow.core.stage.StageProvider;
import io.winnow.core.util.AtomicFiles;
import io.winnow.tokenizer.train.BpeTrainer;
import io.winnow.tokenizer.train.TrainerOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code tokenizer} pipeline stage: trains a BPE model on the text of the input documents (settings: the
 * spm_train flag names, e.g. {@code vocab_size}, plus {@code model_name}) into {@code OUTPUT/model/NAME.model}
 * and {@code .vocab}, and passes the documents through unchanged to {@code kept/} for the next stage. A finished
 * run is recognised by its completion marker and not redone.
 */
public final class TokenizerStage implements StageProvider {
    /** Trainer flags plus the model's file name. */
    public static final class Settings extends TrainerOptions {
        public String modelName = "tokenizer";
    }

    @Override
    public String name() { return "tokenizer"; }

    @Override
    public String description() { return "train a SentencePiece-compatible BPE tokenizer on the documents' text"; }

    @Override
    public Stage bind(Config config) {
        Settings s = config.bind(Settings.class);
        if (!s.input.isEmpty()) throw new ConfigException(config.source(), "input", "the stage trains on its input documents; leave input out");
        s.input = List.of("(stage input)");
        try {
            s.validate();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.source(), "tokenizer", e.getMessage());
        }
        return new Bound("tokenizer", config.tree(), s);
    }

    private record Bound(String name, JsonNode settings, Settings s) implements Stage {
        @Override
        public Stage withName(String n) { return new Bound(n, settings, s); }

        @Override
        public StageResult run(List<Path> inputs, Path output, RunOptions options) throws IOException, StageFailedException {
            long t0 = System.nanoTime();
            StageLayout layout = new StageLayout(output);
            List<Path> shards = ShardFiles.list(inputs);
            Path modelDir = output.resolve("model");
            Path marker = layout.markers().resolve("tokenizer.json");
            if (Files.exists(marker) && !options.overwrite()) {
                JsonNode m = AtomicFiles.json().readTree(marker.toFile());
                return new StageResult(output, shards.size(), shards.size(), m.path("docs").asLong(), m.path("docs").asLong(),
                        0, 0, (System.nanoTime() - t0) / 1e9);
            }
            Files.createDirectories(modelDir);
            Files.createDirectories(layout.kept());
            Files.createDirectories(layout.markers());
            Settings o = s;
            o.input = shards.stream().map(Path::toString).toList();
            o.inputFormat = "jsonl";
            o.modelPrefix = modelDir.resolve(o.modelName).toString();
            o.numThreads = options.workers();
            BpeTrainer.Result r;
            try {
                PrintStream log = options.progress() == io.winnow.core.progress.Progress.Mode.OFF ? null : System.err;
                r = new BpeTrainer(o, log).trainAndSave();
            } catch (IllegalArgumentException e) {
                throw new StageFailedException(name + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            // documents pass through unchanged: hard links where possible, else copies
            long docs = 0;
            for (int i = 0; i < shards.size(); i++) {
                Path src = shards.get(i);
                String ext = src.getFileName().toString().replaceFirst("^[^.]*", "");
                Path dst = layout.kept().resolve(StageLayout.taskPrefix(i) + ext);
                Files.deleteIfExists(dst);
                try {
                    Files.createLink(dst, src);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                }
                docs += countLines(src);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            ObjectNode stats = AtomicFiles.json().createObjectNode();
            stats.put("stage", name);
            stats.set("settings", settings);
            ArrayNodeHelper.strings(stats.putArray("inputs"), o.input);
            ObjectNode totals = stats.putObject("totals");
            totals.put("docs_in", docs);
            totals.put("docs_kept", docs);
            totals.put("docs_rejected", 0);
            totals.put("bad_records", 0);
            ObjectNode t = stats.putObject("tokenizer");
            t.put("model", o.modelPrefix + ".model");
            t.put("vocab_size", r.model().size());
            t.put("merges", r.merges());
            t.put("alphabet", r.alphabetSize());
            t.put("sentences", r.sentences());
            t.put("distinct_runs", r.runs());
            t.put("character_coverage", r.characterCoverage());
            t.put("seconds", secs);
            AtomicFiles.writeJson(layout.stats(), stats);
            Map<String, Object> done = new LinkedHashMap<>();
            done.put("docs", docs);
            done.put("model", o.modelPrefix + ".model");
            AtomicFiles.writeJson(marker, done);
            return new StageResult(output, shards.size(), 0, docs, docs, 0, 0, secs);
        }
    }

    private static long countLines(Path shard) throws IOException {
        try (var in = new java.io.BufferedInputStream(io.winnow.tokenizer.train.InputFiles.open(shard), 1 << 16)) {
            long n = 0;
            int last = '\n';
            byte[] buf = new byte[1 << 16];
            for (int k; (k = in.read(buf)) > 0; ) {
                for (int i = 0; i < k; i++) if (buf[i] == '\n') n++;
                last = buf[k - 1];
            }
            return last == '\n' ? n : n + 1;
        }
    }

    /** Tiny helper to fill a JSON array with strings. */
    private static final class ArrayNodeHelper {
        static void strings(com.fasterxml.jackson.databind.node.ArrayNode a, List<String> values) {
            for (String v : new ArrayList<>(values)) a.add(v);
        }
    }
}
