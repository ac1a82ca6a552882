package io.winnow.tokenizer.train;

import io.winnow.tokenizer.model.NormalizerSpec;
import io.winnow.tokenizer.model.TrainerSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The BPE training flags, named and defaulted as {@code spm_train}'s (snake_case in YAML configs). Fields that
 * SentencePiece's BPE trainer ignores are kept out.
 */
public class TrainerOptions {
    public List<String> input = new ArrayList<>();
    /** {@code text} (one sentence per line), {@code tsv} (sentence TAB count), or {@code jsonl} (see inputField). */
    public String inputFormat = "";
    /** For jsonl input: the field whose text is split into lines. */
    public String inputField = "text";
    public String modelPrefix = "";
    public int vocabSize = 8000;
    public float characterCoverage = 0.9995f;
    public long inputSentenceSize = 0;
    public boolean shuffleInputSentence = true;
    public int seed = 12345678;
    public int maxSentenceLength = 4192;
    public int maxSentencepieceLength = 16;
    public boolean splitByUnicodeScript = true;
    public boolean splitByWhitespace = true;
    public boolean splitByNumber = true;
    public boolean treatWhitespaceAsSuffix = false;
    public boolean splitDigits = false;
    public boolean allowWhitespaceOnlyPieces = false;
    public List<String> controlSymbols = new ArrayList<>();
    public List<String> userDefinedSymbols = new ArrayList<>();
    public String requiredChars = "";
    public boolean byteFallback = false;
    public boolean vocabularyOutputPieceScore = true;
    public boolean hardVocabLimit = true;
    public boolean useAllVocab = false;
    public int unkId = 0, bosId = 1, eosId = 2, padId = -1;
    public String unkPiece = "<unk>", bosPiece = "<s>", eosPiece = "</s>", padPiece = "<pad>";
    public String unkSurface = " \u2047 ";
    public String pretokenizationDelimiter = "";
    public String normalizationRuleName = "identity";
    public boolean addDummyPrefix = true;
    public boolean removeExtraWhitespaces = true;
    public int numThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    public String modelType = "bpe";

    /**
     * SentencePiece's VerifySpec plus what this trainer supports; messages name the flag.
     * @throws IllegalArgumentException on the first bad flag
     */
    public void validate() {
        if (input.isEmpty()) fail("--input is required");
        if (!modelType.equalsIgnoreCase("bpe")) fail("--model_type=" + modelType + ": only bpe is supported");
        if (vocabSize <= 0) fail("--vocab_size must be > 0 (got " + vocabSize + ")");
        if (useAllVocab) fail("--use_all_vocab=true is valid for WORD/CHAR model.");
        if (!(characterCoverage >= 0.98 && characterCoverage <= 1.0)) {
            fail("--character_coverage must be in [0.98, 1.0] (got " + characterCoverage + ")");
        }
        if (maxSentencepieceLength < 1 || maxSentencepieceLength > 512) {
            fail("--max_sentencepiece_length must be in [1, 512] (got " + maxSentencepieceLength + ")");
        }
        if (numThreads < 1 || numThreads > 1024) fail("--num_threads must be in [1, 1024] (got " + numThreads + ")");
        if (maxSentenceLength < 10 || maxSentenceLength > 1073741824) {
            fail("--max_sentence_length must be in [10, 1073741824] (got " + maxSentenceLength + ")");
        }
        if (inputSentenceSize < 0 || (inputSentenceSize > 0 && inputSentenceSize <= 100)) {
            fail("--input_sentence_size must be 0 (all) or > 100 (got " + inputSentenceSize + ")");
        }
        if (unkPiece.isEmpty() || bosPiece.isEmpty() || eosPiece.isEmpty() || padPiece.isEmpty()) {
            fail("--unk_piece, --bos_piece, --eos_piece and --pad_piece must not be empty");
        }
        if (!normalizationRuleName.equals("identity")) {
            fail("--normalization_rule_name=" + normalizationRuleName + ": only identity is supported for training "
                    + "(Baichuan 2 trains without normalization)");
        }
        if (!inputFormat.isEmpty() && !List.of("text", "tsv", "jsonl").contains(inputFormat)) {
            fail("--input_format must be text, tsv or jsonl (got " + inputFormat + ")");
        }
    }

    private static void fail(String message) { throw new IllegalArgumentException(message); }

    /**
     * The TrainerSpec stored in the model. With {@code allFields} every scalar field is set, as the spm_train CLI
     * writes it; otherwise only the BPE essentials and the flags that differ from the proto defaults.
     */
    public TrainerSpec toTrainerSpec(boolean allFields) {
        TrainerSpec s = new TrainerSpec();
        s.setStrings("input", input);
        s.set("model_prefix", modelPrefix);
        s.set("model_type", TrainerSpec.BPE);
        s.set("vocab_size", vocabSize);
        s.set("character_coverage", characterCoverage);
        s.set("input_sentence_size", inputSentenceSize);
        s.set("shuffle_input_sentence", shuffleInputSentence);
        s.set("max_sentence_length", maxSentenceLength);
        s.set("max_sentencepiece_length", maxSentencepieceLength);
        s.set("split_by_unicode_script", splitByUnicodeScript);
        s.set("split_by_whitespace", splitByWhitespace);
        s.set("split_by_number", splitByNumber);
        s.set("treat_whitespace_as_suffix", treatWhitespaceAsSuffix);
        s.set("split_digits", splitDigits);
        s.set("allow_whitespace_only_pieces", allowWhitespaceOnlyPieces);
        s.setStrings("control_symbols", controlSymbols);
        s.setStrings("user_defined_symbols", userDefinedSymbols);
        s.set("vocabulary_output_piece_score", vocabularyOutputPieceScore);
        s.set("hard_vocab_limit", hardVocabLimit);
        s.set("use_all_vocab", useAllVocab);
        s.set("byte_fallback", byteFallback);
        s.set("required_chars", requiredChars);
        s.set("unk_id", unkId);
        s.set("bos_id", bosId);
        s.set("eos_id", eosId);
        s.set("pad_id", padId);
        s.set("unk_surface", unkSurface);
        s.set("unk_piece", unkPiece);
        s.set("bos_piece", bosPiece);
        s.set("eos_piece", eosPiece);
        s.set("pad_piece", padPiece);
        s.set("pretokenization_delimiter", pretokenizationDelimiter);
        s.set("num_threads", numThreads);
        if (!inputFormat.isEmpty()) s.set("input_format", inputFormat.equals("jsonl") ? "text" : inputFormat);
        if (allFields) {
            s.setAllScalars();
        } else {
            TrainerSpec defaults = new TrainerSpec();
            for (String f : List.of("model_prefix", "character_coverage", "input_sentence_size", "shuffle_input_sentence",
                    "max_sentence_length", "max_sentencepiece_length", "split_by_unicode_script", "split_by_whitespace",
                    "split_by_number", "treat_whitespace_as_suffix", "split_digits", "allow_whitespace_only_pieces",
                    "vocabulary_output_piece_score", "hard_vocab_limit", "use_all_vocab", "byte_fallback",
                    "required_chars", "unk_id", "bos_id", "eos_id", "pad_id", "unk_surface", "unk_piece", "bos_piece",
                    "eos_piece", "pad_piece", "pretokenization_delimiter", "num_threads")) {
                if (java.util.Objects.equals(s.get(f), defaults.get(f))) s.clear(f);
            }
        }
        return s;
    }

    public NormalizerSpec toNormalizerSpec() {
        return NormalizerSpec.identity(addDummyPrefix, removeExtraWhitespaces);
    }
}
