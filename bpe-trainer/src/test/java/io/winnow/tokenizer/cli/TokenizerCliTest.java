package io.winnow.tokenizer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.testing.Corpora;
import io.winnow.tokenizer.SharedCorpora;
import io.winnow.tokenizer.SpmReference;
import io.winnow.tokenizer.model.SentencePieceModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code winnow tokenizer ...} end to end on real text, in process. */
class TokenizerCliTest {
    @TempDir
    static Path tmp;
    static Path corpus;

    @BeforeAll
    static void corpus() throws Exception {
        // 4,000 lines of tok_5mb (en/zh/code)
        List<byte[]> lines = SpmReference.byteLines(SharedCorpora.tok5mb());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 4000; i++) {
            b.writeBytes(lines.get(i));
            b.write('\n');
        }
        corpus = tmp.resolve("small.txt");
        Files.write(corpus, b.toByteArray());
    }

    record Outcome(int exit, String out, String err) {}

    static Outcome run(String... args) {
        CommandLine cl = new CommandLine(new TokenizerCommand());
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        PrintStream oldErr = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            int code = cl.execute(args);
            return new Outcome(code, out.toString(), err + errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void trainEncodeDecodeExportReport() throws Exception {
        Path prefix = tmp.resolve("m/small");
        Outcome t = run("train", "--input=" + corpus, "--model_prefix=" + prefix, "--vocab_size=4000",
                "--character_coverage=0.99", "--normalization_rule_name=identity", "--add_dummy_prefix=false",
                "--remove_extra_whitespaces=false", "--split_digits", "--byte_fallback=true",
                "--allow_whitespace_only_pieces", "--max_sentencepiece_length=32", "--quiet");
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().contains("4,000 pieces"), t.out());
        SentencePieceModel m = SentencePieceModel.read(Path.of(prefix + ".model"));
        assertEquals(4000, m.size());
        assertTrue(m.trainerSpec().getBool("split_digits"));
        assertEquals(4000, Files.readAllLines(Path.of(prefix + ".vocab")).size());

        // encode then decode gives the text back (identity normalization, byte fallback)
        Path ids = tmp.resolve("ids.txt"), back = tmp.resolve("back.txt");
        assertEquals(0, run("encode", "--model=" + prefix + ".model", "--output_format=id", "--num_threads=2",
                "--input=" + corpus, "--output=" + ids).exit());
        assertEquals(0, run("decode", "--model=" + prefix + ".model", "--input=" + ids, "--output=" + back).exit());
        List<String> original = Files.readAllLines(corpus), decoded = Files.readAllLines(back);
        assertEquals(original.size(), decoded.size());
        int same = 0;
        for (int i = 0; i < original.size(); i++) if (original.get(i).equals(decoded.get(i))) same++;
        assertEquals(original.size(), same, "lines that do not round-trip");
        // the ids are SentencePiece's
        List<int[]> spm = SpmReference.encode(Path.of(prefix + ".model"), corpus);
        List<String> ourLines = Files.readAllLines(ids);
        for (int i = 0; i < spm.size(); i += 97) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < spm.get(i).length; k++) sb.append(k > 0 ? " " : "").append(spm.get(i)[k]);
            assertEquals(sb.toString(), ourLines.get(i), "line " + i);
        }

        Path json = tmp.resolve("tokenizer.json");
        assertEquals(0, run("export", "--model=" + prefix + ".model", "--format=hf", "--output=" + json).exit());
        JsonNode tj = new ObjectMapper().readTree(json.toFile());
        assertEquals("BPE", tj.get("model").get("type").asText());
        assertEquals(4000, tj.get("model").get("vocab").size());

        Path report = tmp.resolve("report.json");
        Outcome r = run("report", "--model=" + prefix + ".model", "--input=" + corpus, "--json=" + report);
        assertEquals(0, r.exit(), r.err());
        JsonNode rep = new ObjectMapper().readTree(report.toFile()).get("models").get(0);
        double rate = rep.get("total").get("compression_rate").asDouble();
        assertTrue(rate > 0.1 && rate < 1.0, "compression rate " + rate);
        assertTrue(rep.get("groups").has("script:Han") && rep.get("groups").has("script:Latn"), rep.get("groups").toString());
        assertEquals(256, rep.get("vocabulary").get("byte").asInt());
    }

    @Test
    void configFileWithOverrides() throws Exception {
        Path prefix = tmp.resolve("cfg/b2");
        Outcome t = run("train", "--config=" + Corpora.repo().resolve("configs/tokenizers/baichuan2.yaml"),
                "--input=" + corpus, "--model_prefix=" + prefix, "--vocab_size=4000", "--character_coverage=0.99",
                "--input_sentence_size=0", "--quiet");
        assertEquals(0, t.exit(), t.err());
        SentencePieceModel m = SentencePieceModel.read(Path.of(prefix + ".model"));
        assertEquals(32, m.trainerSpec().getInt("max_sentencepiece_length"));
        assertTrue(m.trainerSpec().byteFallback());
        assertTrue(m.trainerSpec().getBool("allow_whitespace_only_pieces"));
        assertEquals("identity", m.normalizerSpec().name());
        assertTrue(!m.normalizerSpec().addDummyPrefix());
    }

    @Test
    void badFlagsFailWithClearMessages() {
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[]{"--character_coverage=0.5", "--character_coverage must be in [0.98, 1.0]"});
        cases.add(new String[]{"--model_type=unigram", "only bpe is supported"});
        cases.add(new String[]{"--vocab_size=500", "Vocabulary size is smaller than required_chars"});
        cases.add(new String[]{"--max_sentencepiece_length=0", "--max_sentencepiece_length must be in [1, 512]"});
        cases.add(new String[]{"--input_sentence_size=50", "--input_sentence_size must be 0 (all) or > 100"});
        cases.add(new String[]{"--use_all_vocab", "--use_all_vocab=true is valid for WORD/CHAR model."});
        cases.add(new String[]{"--normalization_rule_name=nmt_nfkc", "only identity is supported"});
        cases.add(new String[]{"--split_digits=maybe", "not a boolean"});
        cases.add(new String[]{"--user_defined_symbols=<unk>", "<unk> must not be defined with --control_symbols and --user_defined_symbols."});
        cases.add(new String[]{"--vocab_size=900000", "Vocabulary size too high (900000). Please set it to a value <= "});
        for (String[] c : cases) {
            Outcome o = run("train", "--input=" + corpus, "--model_prefix=" + tmp.resolve("bad"), "--quiet", c[0]);
            assertEquals(2, o.exit(), c[0] + ": " + o.err());
            assertTrue(o.err().contains(c[1]), c[0] + " -> " + o.err());
        }
        Outcome missing = run("train", "--input=" + tmp.resolve("nope.txt"), "--model_prefix=" + tmp.resolve("x"));
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Outcome notModel = run("encode", "--model=" + corpus);
        assertEquals(2, notModel.exit());
        assertTrue(notModel.err().contains("not a SentencePiece model"), notModel.err());
    }
}
