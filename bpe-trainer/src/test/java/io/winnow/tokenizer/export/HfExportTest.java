package io.winnow.tokenizer.export;

import io.winnow.tokenizer.SharedCorpora;
import io.winnow.tokenizer.SpmReference;
import io.winnow.tokenizer.TestSamples;
import io.winnow.tokenizer.encode.BpeEncoder;
import io.winnow.tokenizer.model.SentencePieceModel;
import io.winnow.tokenizer.train.BpeTrainer;
import io.winnow.tokenizer.train.TrainerFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exported tokenizer.json, run by the Hugging Face tokenizers package, encodes as our encoder does. */
class HfExportTest {
    @TempDir
    Path tmp;

    private void assertHfMatches(SentencePieceModel model) throws Exception {
        Path json = tmp.resolve("tokenizer.json");
        HfTokenizerJson.write(model, json);
        Path sample = TestSamples.write(tmp);
        List<int[]> hf = SpmReference.hfEncode(json, sample);
        List<byte[]> lines = SpmReference.byteLines(sample);
        BpeEncoder enc = new BpeEncoder(model);
        assertEquals(lines.size(), hf.size());
        int compared = 0, mismatches = 0;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (hf.get(i) == null) continue;  // invalid UTF-8 has no Python str form
            compared++;
            int[] ours = enc.encode(lines.get(i));
            if (!Arrays.equals(ours, hf.get(i)) && mismatches++ < 5) {
                first.append("\nline ").append(i).append(": ").append(new String(lines.get(i), java.nio.charset.StandardCharsets.UTF_8))
                        .append("\n hf   ").append(Arrays.toString(hf.get(i))).append("\n ours ").append(Arrays.toString(ours));
            }
        }
        assertEquals(0, mismatches, mismatches + " of " + compared + " lines differ" + first);
        assertTrue(compared > 20_000, "compared " + compared);
    }

    @Test
    void sentencePieceDefaultNormalizationWithCharsMap() throws Exception {
        Path m = SpmReference.trainCached(SharedCorpora.tok5mb(), "model_type=bpe", "vocab_size=8000", "character_coverage=0.999");
        assertHfMatches(SentencePieceModel.read(m));
    }

    @Test
    void ourBaichuanStyleModel() throws Exception {
        var o = TrainerFlags.parse("input=" + SharedCorpora.tok5mb(), "vocab_size=8000", "normalization_rule_name=identity",
                "add_dummy_prefix=false", "remove_extra_whitespaces=false", "split_digits=true", "byte_fallback=true",
                "allow_whitespace_only_pieces=true", "max_sentencepiece_length=32",
                "user_defined_symbols=<reserved_1>,<|endoftext|>,▁▁▁▁");
        assertHfMatches(new BpeTrainer(o, null).train().model());
    }

    @Test
    void sentencePieceModelWithDummyPrefixAndNoByteFallback() throws Exception {
        // no user-defined symbols with a dummy prefix: see HfTokenizerJson
        Path m = SpmReference.trainCached(SharedCorpora.tok5mb(), "model_type=bpe", "vocab_size=6000",
                "normalization_rule_name=identity", "character_coverage=0.999", "control_symbols=<ctl>");
        assertHfMatches(SentencePieceModel.read(m));
    }
}
