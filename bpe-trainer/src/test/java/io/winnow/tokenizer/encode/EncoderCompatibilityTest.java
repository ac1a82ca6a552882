package io.winnow.tokenizer.encode;

import io.winnow.tokenizer.SharedCorpora;
import io.winnow.tokenizer.SpmReference;
import io.winnow.tokenizer.model.SentencePieceModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our encoder gives exactly the ids of real SentencePiece 0.2.2 for models SentencePiece trained: byte fallback,
 * user-defined symbols, unknown characters (merged runs without byte fallback), emoji, invalid UTF-8, and a model
 * with the default nmt_nfkc normalization, dummy prefix and whitespace removal.
 */
class EncoderCompatibilityTest {
    static final String[] BAICHUAN = {"model_type=bpe", "vocab_size=8000", "normalization_rule_name=identity",
            "add_dummy_prefix=false", "remove_extra_whitespaces=false", "split_digits=true", "byte_fallback=true",
            "allow_whitespace_only_pieces=true", "max_sentencepiece_length=32",
            "user_defined_symbols=<reserved_1>,<|endoftext|>,▁▁▁▁"};
    static final String[] NO_BYTE_FALLBACK = {"model_type=bpe", "vocab_size=6000", "normalization_rule_name=identity",
            "add_dummy_prefix=false", "remove_extra_whitespaces=false", "character_coverage=0.999",
            "user_defined_symbols=<reserved_1>,的", "control_symbols=<ctl>"};
    static final String[] DEFAULT_NORMALIZATION = {"model_type=bpe", "vocab_size=8000", "character_coverage=0.999"};

    @TempDir
    static Path tmp;
    static Path sample;

    @BeforeAll
    static void sample() throws Exception {
        // every 53rd line of tok_large (2 MB of en/zh/code), then the hand-made corner cases
        List<byte[]> lines = SpmReference.byteLines(SharedCorpora.tokLarge());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i += 53) {
            b.writeBytes(lines.get(i));
            b.write('\n');
        }
        b.writeBytes(EdgeCasesAccess.joined());
        sample = tmp.resolve("sample.txt");
        Files.write(sample, b.toByteArray());
    }

    private static void assertSameIds(String[] flags) throws Exception {
        Path model = SpmReference.trainCached(SharedCorpora.tok5mb(), flags);
        BpeEncoder enc = new BpeEncoder(SentencePieceModel.read(model));
        List<int[]> expected = SpmReference.encode(model, sample);
        List<byte[]> lines = SpmReference.byteLines(sample);
        assertEquals(expected.size(), lines.size(), "line count");
        int mismatches = 0;
        StringBuilder first = new StringBuilder();
        long tokens = 0;
        for (int i = 0; i < lines.size(); i++) {
            int[] got = enc.encode(lines.get(i));
            tokens += got.length;
            if (!Arrays.equals(expected.get(i), got)) {
                if (mismatches++ < 5) {
                    first.append("\nline ").append(i).append(": ").append(new String(lines.get(i), java.nio.charset.StandardCharsets.UTF_8))
                            .append("\n spm ").append(Arrays.toString(expected.get(i))).append("\n ours ").append(Arrays.toString(got));
                }
            }
        }
        assertEquals(0, mismatches, mismatches + " of " + lines.size() + " lines differ" + first);
        assertTrue(tokens > 100_000, "sample too small: " + tokens + " tokens");

        // decode inverts encode as SentencePiece decodes (same text for every line)
        List<int[]> some = new ArrayList<>(expected.subList(expected.size() - 40, expected.size()));
        some.addAll(expected.subList(0, 200));
        List<String> spmText = SpmReference.decode(model, some);
        for (int i = 0; i < some.size(); i++) {
            assertEquals(spmText.get(i), enc.decode(some.get(i)),
                    "decode of " + Arrays.toString(some.get(i)));
        }
    }

    @Test
    void baichuanFlagsWithByteFallbackAndUserSymbols() throws Exception {
        assertSameIds(BAICHUAN);
    }

    @Test
    void unknownRunsWithoutByteFallback() throws Exception {
        assertSameIds(NO_BYTE_FALLBACK);
    }

    @Test
    void defaultNormalizationCharsMapAndDummyPrefix() throws Exception {
        assertSameIds(DEFAULT_NORMALIZATION);
    }
}
