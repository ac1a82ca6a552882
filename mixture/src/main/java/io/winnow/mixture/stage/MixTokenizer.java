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
import java.util.List;

/** The mixture's tokenizer: the model, its encoder, its hash, the token dtype and the end-of-document id. */
record MixTokenizer(Path path, SentencePieceModel model, BpeEncoder encoder, String sha256, DType dtype, int eodId, String eodPiece) {
    static MixTokenizer load(MixtureConfig cfg, Config raw) {
        Path p = Path.of(cfg.tokenizer);
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
}
