package io.winnow.tokenizer.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.winnow.tokenizer.model.NormalizerSpec;
import io.winnow.tokenizer.model.Piece;
import io.winnow.tokenizer.model.PieceType;
import io.winnow.tokenizer.model.SentencePieceModel;
import io.winnow.tokenizer.model.TrainerSpec;
import io.winnow.core.util.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a Hugging Face {@code tokenizer.json} equivalent to a SentencePiece BPE model:
 * <ul>
 *   <li>model BPE over the same vocabulary (ids unchanged), byte_fallback and fuse_unk as SentencePiece;</li>
 *   <li>merges derived from the scores: every split of each NORMAL piece into two NORMAL pieces, ranked by the
 *       piece's score (higher first), so the merge order follows SentencePiece's score order;</li>
 *   <li>normalizer: the precompiled char map if the model has one, SentencePiece's whitespace handling and
 *       space → U+2581; the dummy prefix as a Metaspace pre-tokenizer;</li>
 *   <li>user-defined symbols as non-special added tokens matched in the normalized text, unk/control pieces as
 *       special tokens. Known difference: with a dummy prefix, tokenizers prefixes every segment
 *       between user-defined symbols with U+2581, SentencePiece only the sentence; the Baichuan recipe has no
 *       dummy prefix;</li>
 *   <li>decoder: U+2581 → space, byte fallback, fuse (and strip one leading space with a dummy prefix).</li>
 * </ul>
 */
public final class HfTokenizerJson {
    private HfTokenizerJson() {}

    public static void write(SentencePieceModel model, Path out) throws IOException {
        AtomicFiles.write(out, toBytes(model));
    }

    public static byte[] toBytes(SentencePieceModel model) throws IOException {
        if (model.trainerSpec().modelType() != TrainerSpec.BPE) {
            throw new IllegalArgumentException("only BPE models can be exported (model_type=" + model.trainerSpec().modelType() + ")");
        }
        model.validate();
        NormalizerSpec ns = model.normalizerSpec();
        boolean suffix = model.trainerSpec().treatWhitespaceAsSuffix();
        String unk = null;
        for (Piece p : model.pieces()) if (p.type() == PieceType.UNKNOWN) unk = p.piece();

        ByteArrayOutputStream buf = new ByteArrayOutputStream(model.size() * 48);
        try (JsonGenerator g = new JsonFactory().createGenerator(buf, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("version", "1.0");
            g.writeNullField("truncation");
            g.writeNullField("padding");
            g.writeArrayFieldStart("added_tokens");
            for (int id = 0; id < model.size(); id++) {
                Piece p = model.piece(id);
                if (p.type() == PieceType.NORMAL || p.type() == PieceType.BYTE || p.type() == PieceType.UNUSED) continue;
                boolean user = p.type() == PieceType.USER_DEFINED;
                g.writeStartObject();
                g.writeNumberField("id", id);
                g.writeStringField("content", p.piece());
                g.writeBooleanField("single_word", false);
                g.writeBooleanField("lstrip", false);
                g.writeBooleanField("rstrip", false);
                g.writeBooleanField("normalized", user);  // matched in the normalized text, as SentencePiece does
                g.writeBooleanField("special", !user);
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeFieldName("normalizer");
            writeNormalizer(g, ns, suffix);
            if (ns.addDummyPrefix()) {
                // the dummy prefix as a pre-tokenizer: a Prepend normalizer would also prefix the contents of
                // the added tokens; "first" would miss text whose leading spaces were removed
                g.writeObjectFieldStart("pre_tokenizer");
                g.writeStringField("type", "Metaspace");
                g.writeStringField("replacement", "\u2581");
                g.writeStringField("prepend_scheme", "always");
                g.writeBooleanField("split", false);
                g.writeEndObject();
            } else {
                g.writeNullField("pre_tokenizer");
            }
            g.writeNullField("post_processor");

            g.writeObjectFieldStart("decoder");
            g.writeStringField("type", "Sequence");
            g.writeArrayFieldStart("decoders");
            replace(g, "\u2581", " ");
            g.writeStartObject();
            g.writeStringField("type", "ByteFallback");
            g.writeEndObject();
            g.writeStartObject();
            g.writeStringField("type", "Fuse");
            g.writeEndObject();
            if (ns.addDummyPrefix() && !suffix) {
                g.writeStartObject();
                g.writeStringField("type", "Strip");
                g.writeStringField("content", " ");
                g.writeNumberField("start", 1);
                g.writeNumberField("stop", 0);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();

            g.writeObjectFieldStart("model");
            g.writeStringField("type", "BPE");
            g.writeNullField("dropout");
            g.writeStringField("unk_token", unk);
            g.writeNullField("continuing_subword_prefix");
            g.writeNullField("end_of_word_suffix");
            g.writeBooleanField("fuse_unk", true);
            g.writeBooleanField("byte_fallback", model.trainerSpec().byteFallback());
            g.writeBooleanField("ignore_merges", false);
            g.writeObjectFieldStart("vocab");
            for (int id = 0; id < model.size(); id++) g.writeNumberField(model.piece(id).piece(), id);
            g.writeEndObject();
            g.writeArrayFieldStart("merges");
            for (String[] m : merges(model)) {
                g.writeStartArray();
                g.writeString(m[0]);
                g.writeString(m[1]);
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        return buf.toByteArray();
    }

    /** All (left, right) splits of NORMAL pieces into NORMAL pieces, by the merged piece's score (desc), then ids. */
    static List<String[]> merges(SentencePieceModel model) {
        Map<String, Integer> normal = new HashMap<>();
        for (int id = 0; id < model.size(); id++) {
            if (model.piece(id).type() == PieceType.NORMAL) normal.putIfAbsent(model.piece(id).piece(), id);
        }
        record M(String l, String r, float score, int id, int lid, int rid) {}
        List<M> all = new ArrayList<>();
        for (int id = 0; id < model.size(); id++) {
            Piece p = model.piece(id);
            if (p.type() != PieceType.NORMAL) continue;
            String s = p.piece();
            for (int i = s.offsetByCodePoints(0, 1); i < s.length(); i = s.offsetByCodePoints(i, 1)) {
                Integer l = normal.get(s.substring(0, i)), r = normal.get(s.substring(i));
                if (l != null && r != null) all.add(new M(s.substring(0, i), s.substring(i), p.score(), id, l, r));
            }
        }
        all.sort((a, b) -> {
            if (a.score() != b.score()) return a.score() > b.score() ? -1 : 1;
            if (a.id() != b.id()) return Integer.compare(a.id(), b.id());
            if (a.lid() != b.lid()) return Integer.compare(a.lid(), b.lid());
            return Integer.compare(a.rid(), b.rid());
        });
        List<String[]> out = new ArrayList<>(all.size());
        for (M m : all) out.add(new String[]{m.l(), m.r()});
        return out;
    }

    private static void writeNormalizer(JsonGenerator g, NormalizerSpec ns, boolean suffix) throws IOException {
        List<IoWriter> steps = new ArrayList<>();
        byte[] charsmap = ns.precompiledCharsmap();
        if (charsmap.length > 0) {
            steps.add(x -> {
                x.writeStartObject();
                x.writeStringField("type", "Precompiled");
                x.writeStringField("precompiled_charsmap", Base64.getEncoder().encodeToString(charsmap));
                x.writeEndObject();
            });
        }
        if (ns.removeExtraWhitespaces()) {
            // SentencePiece drops leading spaces, and trailing ones after escaping (so a literal U+2581 too)
            steps.add(x -> replaceRegex(x, "^ +|[ \u2581]+$", ""));
            steps.add(x -> replaceRegex(x, " {2,}", " "));
        }
        if (ns.escapeWhitespaces()) steps.add(x -> replace(x, " ", "\u2581"));
        if (steps.isEmpty()) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("type", "Sequence");
        g.writeArrayFieldStart("normalizers");
        for (IoWriter w : steps) w.write(g);
        g.writeEndArray();
        g.writeEndObject();
    }

    private interface IoWriter { void write(JsonGenerator g) throws IOException; }

    private static void replace(JsonGenerator g, String from, String to) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Replace");
        g.writeObjectFieldStart("pattern");
        g.writeStringField("String", from);
        g.writeEndObject();
        g.writeStringField("content", to);
        g.writeEndObject();
    }

    private static void replaceRegex(JsonGenerator g, String regex, String to) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Replace");
        g.writeObjectFieldStart("pattern");
        g.writeStringField("Regex", regex);
        g.writeEndObject();
        g.writeStringField("content", to);
        g.writeEndObject();
    }
}
