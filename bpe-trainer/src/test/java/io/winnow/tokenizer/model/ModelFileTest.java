package io.winnow.tokenizer.model;

import io.winnow.tokenizer.SharedCorpora;
import io.winnow.tokenizer.SpmReference;
import io.winnow.tokenizer.TestSamples;
import io.winnow.tokenizer.encode.BpeEncoder;
import io.winnow.tokenizer.train.BpeTrainer;
import io.winnow.tokenizer.train.TrainerFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** .model and .vocab files: byte-identical to SentencePiece's, and ours load and encode in real SentencePiece. */
class ModelFileTest {
    static final String[] FLAGS = {"model_type=bpe", "vocab_size=8000", "normalization_rule_name=identity",
            "add_dummy_prefix=false", "remove_extra_whitespaces=false", "split_digits=true", "byte_fallback=true",
            "allow_whitespace_only_pieces=true", "max_sentencepiece_length=32", "user_defined_symbols=<reserved_1>"};

    @TempDir
    Path tmp;

    @Test
    void sentencePieceFilesRoundTripByteForByte() throws Exception {
        Path spm = SpmReference.trainCached(SharedCorpora.tok5mb(), FLAGS);
        byte[] original = Files.readAllBytes(spm);
        SentencePieceModel m = SentencePieceModel.parse(original);
        assertArrayEquals(original, m.toBytes());
        Path vocab = Path.of(spm.toString().replace(".model", ".vocab"));
        assertEquals(Files.readString(vocab, StandardCharsets.UTF_8), m.vocabText(true));
    }

    @Test
    void ourModelIsByteIdenticalToSentencePiecesWithTheSameSpecs() throws Exception {
        Path spm = SpmReference.trainCached(SharedCorpora.tok5mb(), FLAGS);
        SentencePieceModel expected = SentencePieceModel.read(spm);
        String[] flags = java.util.Arrays.copyOf(FLAGS, FLAGS.length + 1);
        flags[FLAGS.length] = "input=" + SharedCorpora.tok5mb();
        SentencePieceModel ours = new BpeTrainer(TrainerFlags.parse(flags), null).train().model();
        // same pieces, with SentencePiece's own spec messages (which record the caller's flags, not the result)
        SentencePieceModel combined = new SentencePieceModel(ours.pieces(), expected.trainerSpec(), expected.normalizerSpec());
        assertArrayEquals(Files.readAllBytes(spm), combined.toBytes());
    }

    @Test
    void ourModelFileLoadsAndEncodesInSentencePiece() throws Exception {
        String[] flags = java.util.Arrays.copyOf(FLAGS, FLAGS.length + 2);
        flags[FLAGS.length] = "input=" + SharedCorpora.tok5mb();
        flags[FLAGS.length + 1] = "model_prefix=" + tmp.resolve("ours");
        new BpeTrainer(TrainerFlags.parse(flags), null).trainAndSave();
        Path model = tmp.resolve("ours.model");
        Path sample = TestSamples.write(tmp);
        List<int[]> spmIds = SpmReference.encode(model, sample);
        BpeEncoder enc = new BpeEncoder(SentencePieceModel.read(model));
        List<byte[]> lines = SpmReference.byteLines(sample);
        for (int i = 0; i < lines.size(); i++) assertArrayEquals(spmIds.get(i), enc.encode(lines.get(i)), "line " + i);
    }

    @Test
    void loadErrorsAsSentencePiece() {
        TrainerSpec ts = new TrainerSpec();
        ts.set("model_type", TrainerSpec.BPE);
        NormalizerSpec ns = NormalizerSpec.identity(false, false);
        var noUnk = new SentencePieceModel(List.of(new Piece("a", 0f, PieceType.NORMAL)), ts, ns);
        assertEquals("unk is not defined", assertThrows(IllegalArgumentException.class, noUnk::validate).getMessage());
        var bytesWithoutFallback = new SentencePieceModel(List.of(new Piece("<unk>", 0f, PieceType.UNKNOWN),
                new Piece("<0x41>", 0f, PieceType.BYTE)), ts, ns);
        assertEquals("byte piece <0x41> is found although byte_fallback is false",
                assertThrows(IllegalArgumentException.class, bytesWithoutFallback::validate).getMessage());
        var dup = new SentencePieceModel(List.of(new Piece("<unk>", 0f, PieceType.UNKNOWN),
                new Piece("ab", -1f, PieceType.NORMAL), new Piece("ab", -2f, PieceType.NORMAL)), ts, ns);
        assertThrows(IllegalArgumentException.class, dup::validate);
        assertThrows(com.google.protobuf.InvalidProtocolBufferException.class,
                () -> SentencePieceModel.parse("not a model at all".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bytePiecesAreUpperCaseHex() {
        assertEquals("<0x00>", SentencePieceModel.bytePiece(0));
        assertEquals("<0x0A>", SentencePieceModel.bytePiece(10));
        assertEquals("<0xFF>", SentencePieceModel.bytePiece(255));
        for (int b = 0; b < 256; b++) assertEquals(b, SentencePieceModel.pieceToByte(SentencePieceModel.bytePiece(b)));
    }

    @Test
    void floatsPrintLikeCpp() {
        assertEquals("-0", CFloatFormat.format(-0.0f));
        assertEquals("0", CFloatFormat.format(0f));
        assertEquals("-125000", CFloatFormat.format(-125000f));
        assertEquals("-1.25e+06", CFloatFormat.format(-1250000f));
        assertEquals("-999999", CFloatFormat.format(-999999f));
        assertEquals("1e+06", CFloatFormat.format(1000000f));
        assertEquals("-21327", CFloatFormat.format(-21327f));
        assertEquals("-8.43212", CFloatFormat.format(-8.432123f));
        assertEquals("0.0001", CFloatFormat.format(0.0001f));
        assertEquals("1e-05", CFloatFormat.format(0.00001f));
    }
}
