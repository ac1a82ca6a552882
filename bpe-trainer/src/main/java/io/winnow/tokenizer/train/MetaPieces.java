package io.winnow.tokenizer.train;

import io.winnow.tokenizer.model.PieceType;
import io.winnow.tokenizer.model.SentencePieceModel;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SentencePiece's InitMetaPieces: unk/bos/eos/pad at their ids, then control symbols, user-defined symbols and
 * (with byte fallback) the 256 byte pieces at the lowest free ids. A symbol equal to the bos/eos/pad piece only
 * changes that entry's type.
 */
final class MetaPieces {
    record Meta(String piece, PieceType type) {}

    private MetaPieces() {}

    static TreeMap<Integer, Meta> build(TrainerOptions o) {
        TreeMap<Integer, Meta> meta = new TreeMap<>();
        boolean[] hasUnk = {false};
        insertId(meta, o, o.unkId, o.unkPiece, hasUnk, "unk_id");
        insertId(meta, o, o.bosId, o.bosPiece, hasUnk, "bos_id");
        insertId(meta, o, o.eosId, o.eosPiece, hasUnk, "eos_id");
        insertId(meta, o, o.padId, o.padPiece, hasUnk, "pad_id");
        if (!hasUnk[0]) throw new IllegalArgumentException(o.unkPiece + " must be defined.");
        Set<String> dup = new HashSet<>();
        int[] next = {0};
        for (String w : o.controlSymbols) insertSymbol(meta, o, w, PieceType.CONTROL, dup, next);
        for (String w : o.userDefinedSymbols) insertSymbol(meta, o, w, PieceType.USER_DEFINED, dup, next);
        if (o.byteFallback) {
            for (int b = 0; b < 256; b++) insertSymbol(meta, o, SentencePieceModel.bytePiece(b), PieceType.BYTE, dup, next);
        }
        return meta;
    }

    private static void insertId(Map<Integer, Meta> meta, TrainerOptions o, int id, String w, boolean[] hasUnk, String flag) {
        if (id < 0) return;
        if (id >= o.vocabSize || meta.containsKey(id) || (hasUnk[0] && w.equals(o.unkPiece))) {
            throw new IllegalArgumentException("--" + flag + "=" + id + " is invalid: it must be < vocab_size ("
                    + o.vocabSize + ") and not used by another special piece");
        }
        boolean unk = w.equals(o.unkPiece);
        if (unk) hasUnk[0] = true;
        meta.put(id, new Meta(w, unk ? PieceType.UNKNOWN : PieceType.CONTROL));
    }

    private static void insertSymbol(Map<Integer, Meta> meta, TrainerOptions o, String w, PieceType type,
                                     Set<String> dup, int[] next) {
        if (w.isEmpty()) throw new IllegalArgumentException("empty symbol in --control_symbols/--user_defined_symbols");
        if (!dup.add(w)) throw new IllegalArgumentException(w + " is already defined. duplicated symbols are not allowed.");
        if (w.equals(o.unkPiece)) {
            throw new IllegalArgumentException(o.unkPiece + " must not be defined with --control_symbols and --user_defined_symbols.");
        }
        if (w.equals(o.bosPiece) && o.bosId >= 0) {
            meta.put(o.bosId, new Meta(w, type));
        } else if (w.equals(o.eosPiece) && o.eosId >= 0) {
            meta.put(o.eosId, new Meta(w, type));
        } else if (w.equals(o.padPiece) && o.padId >= 0) {
            meta.put(o.padId, new Meta(w, type));
        } else {
            while (meta.containsKey(next[0])) next[0]++;
            meta.put(next[0], new Meta(w, type));
        }
    }

    static List<String> strings(Map<Integer, Meta> meta) {
        return meta.values().stream().map(Meta::piece).toList();
    }
}
