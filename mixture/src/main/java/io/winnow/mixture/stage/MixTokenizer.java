package io.winnow.mixture.stage;

import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.mixture.config.MixtureConfig;
import io.winnow.mixture.manifest.FileDigest;
import io.winnow.mixture.megatron.DType;
import io.winnow.tokenizer.encode.BpeEncoder;
import io.winnow.tokenizer.model.Piece;
import io.winnow.tokenizer.model.SentencePieceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The mixture's tokenizer: the model, its encoder, its hash, the token dtype and the end-of-document id. */
record MixTokenizer(Path path, SentencePieceModel model, BpeEncoder encoder, String sha256, DType dtype, int eodId, String eodPiece) {
    static MixTokenizer load(MixtureConfig cfg, Config raw, List<Path> stageInputs) {
        Path p = MixtureConfig.PREVIOUS_TOKENIZER.equals(cfg.tokenizer) ? previousStageModel(raw, stageInputs) : Path.of(cfg.tokenizer);
        if (!Files.isRegularFile(p)) {
            throw new ConfigException(raw.sourceFor("tokenizer"), "tokenizer",
                    "file not found: " + p + " (train one with `winnow tokenizer train --input ... --model_prefix ...`)");
        }
        byte[] bytes;
        SentencePieceModel model;
        BpeEncoder encoder;
        try {
            bytes = Files.readAllBytes(p);
            model = SentencePieceModel.read(p);
            encoder = new BpeEncoder(model);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(raw.sourceFor("tokenizer"), "tokenizer", p + ": " + e.getMessage());
        }
        List<Piece> pieces = model.pieces();
        int eod = -1;
        String piece = null;
        if (cfg.eod != null) {
            for (int i = 0; i < pieces.size(); i++) {
                if (pieces.get(i).piece().equals(cfg.eod)) {
                    eod = i;
                    break;
                }
            }
            if (eod < 0) throw new ConfigException(raw.sourceFor("eod"), "eod", "piece '" + cfg.eod + "' is not in " + p);
            piece = cfg.eod;
        } else {
            int id = model.trainerSpec().getInt("eos_id");
            if (id >= 0 && id < pieces.size()) {
                eod = id;
                piece = pieces.get(id).piece();
            } else if (cfg.appendEod) {
                throw new ConfigException(raw.sourceFor("eod"), "eod",
                        p + " has no eos piece (eos_id " + id + "); name the end-of-document piece with eod, or set append_eod: false");
            }
        }
        return new MixTokenizer(p, model, encoder, FileDigest.sha256(bytes), DType.forVocabulary(model.size()), eod, piece);
    }

    /**
     * {@code tokenizer: previous}: the one {@code .model} a tokenizer stage right before this one wrote into its
     * {@code model/} directory (the stage directory above the input's {@code kept/}).
     */
    private static Path previousStageModel(Config raw, List<Path> stageInputs) {
        if (stageInputs == null || stageInputs.isEmpty()) {
            throw new ConfigException(raw.sourceFor("tokenizer"), "tokenizer",
                    "'previous' works only in a pipeline, right after a tokenizer stage; give the .model file here");
        }
        List<Path> models = new ArrayList<>();
        for (Path in : stageInputs) {
            Path stageDir = Files.isDirectory(in) ? in.toAbsolutePath().getParent() : null;
            Path modelDir = stageDir == null ? null : stageDir.resolve("model");
            if (modelDir == null || !Files.isDirectory(modelDir)) continue;
            try (Stream<Path> s = Files.list(modelDir)) {
                s.filter(f -> f.getFileName().toString().endsWith(".model")).sorted().forEach(f -> {
                    if (!models.contains(f)) models.add(f);
                });
            } catch (IOException e) {
                throw new ConfigException(raw.sourceFor("tokenizer"), "tokenizer", modelDir + ": " + e.getMessage());
            }
        }
        if (models.size() != 1) {
            throw new ConfigException(raw.sourceFor("tokenizer"), "tokenizer", "'previous' needs exactly one .model written by the "
                    + "stage before this one; found " + (models.isEmpty() ? "none" : models) + " next to " + stageInputs);
        }
        return models.get(0);
    }
}
