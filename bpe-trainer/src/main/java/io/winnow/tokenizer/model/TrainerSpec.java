package io.winnow.tokenizer.model;

import java.util.Map;

import static io.winnow.tokenizer.model.FieldKind.*;

/**
 * SentencePiece's {@code TrainerSpec} (field numbers and proto2 defaults of sentencepiece_model.proto). Only the
 * fields that were set are written, so a spec built like the {@code spm_train} CLI (every scalar set) or like the
 * Python API (only the given kwargs) can be reproduced byte for byte.
 */
public final class TrainerSpec extends SpecMessage {
    public static final int UNIGRAM = 1, BPE = 2, WORD = 3, CHAR = 4;

    private static final Map<Integer, Field> SCHEMA = table(
            rep(1, "input"),
            f(2, "model_prefix", STRING, ""),
            f(3, "model_type", ENUM, UNIGRAM),
            f(4, "vocab_size", INT32, 8000),
            rep(5, "accept_language"),
            f(6, "self_test_sample_size", INT32, 0),
            f(7, "input_format", STRING, ""),
            f(10, "character_coverage", FLOAT, 0.9995f),
            f(11, "input_sentence_size", UINT64, 0L),
            f(12, "mining_sentence_size", INT32, null),
            f(13, "training_sentence_size", INT32, null),
            f(14, "seed_sentencepiece_size", INT32, 1000000),
            f(15, "shrinking_factor", FLOAT, 0.75f),
            f(16, "num_threads", INT32, 16),
            f(17, "num_sub_iterations", INT32, 2),
            f(18, "max_sentence_length", INT32, 4192),
            f(19, "shuffle_input_sentence", BOOL, true),
            f(20, "max_sentencepiece_length", INT32, 16),
            f(21, "split_by_unicode_script", BOOL, true),
            f(22, "split_by_whitespace", BOOL, true),
            f(23, "split_by_number", BOOL, true),
            f(24, "treat_whitespace_as_suffix", BOOL, false),
            f(25, "split_digits", BOOL, false),
            f(26, "allow_whitespace_only_pieces", BOOL, false),
            rep(30, "control_symbols"),
            rep(31, "user_defined_symbols"),
            f(32, "vocabulary_output_piece_score", BOOL, true),
            f(33, "hard_vocab_limit", BOOL, true),
            f(34, "use_all_vocab", BOOL, false),
            f(35, "byte_fallback", BOOL, false),
            f(36, "required_chars", STRING, ""),
            f(40, "unk_id", INT32, 0),
            f(41, "bos_id", INT32, 1),
            f(42, "eos_id", INT32, 2),
            f(43, "pad_id", INT32, -1),
            f(44, "unk_surface", STRING, " \u2047 "),
            f(45, "unk_piece", STRING, "<unk>"),
            f(46, "bos_piece", STRING, "<s>"),
            f(47, "eos_piece", STRING, "</s>"),
            f(48, "pad_piece", STRING, "<pad>"),
            f(49, "train_extremely_large_corpus", BOOL, false),
            f(50, "enable_differential_privacy", BOOL, false),
            f(51, "differential_privacy_noise_level", FLOAT, 0f),
            f(52, "differential_privacy_clipping_threshold", UINT64, 0L),
            f(53, "pretokenization_delimiter", STRING, ""),
            f(54, "seed_sentencepieces_file", STRING, ""));

    @Override
    Map<Integer, Field> schema() { return SCHEMA; }

    public int modelType() { return getInt("model_type"); }
    public boolean byteFallback() { return getBool("byte_fallback"); }
    public boolean treatWhitespaceAsSuffix() { return getBool("treat_whitespace_as_suffix"); }
    public String unkSurface() { return getString("unk_surface"); }
}
