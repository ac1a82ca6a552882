package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.tokenizer.encode.BpeEncoder;
import io.winnow.tokenizer.model.SentencePieceModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline that prepares the sample documents and then trains a small tokenizer on them with the Baichuan 2
 * flags ({@code stage: tokenizer}), as the quickstart does; re-running it resumes instead of retraining.
 */
class TokenizerPipelineTest {
    @TempDir Path tmp;

    @Test
    void pipelineTrainsATokenizerOnItsDocuments() throws Exception {
        Path sample = E2e.sampleData();
        Path out = tmp.resolve("out");
        Path pipeline = tmp.resolve("tok.yaml");
        Files.writeString(pipeline, String.join("\n",
                "name: tokenizer-e2e",
                "input: " + sample,
                "output: " + out,
                "stages:",
                "  - stage: steps",
                "    name: prepare",
                "    config_file: " + E2e.repo().resolve("configs/steps/prepare.yaml"),
                "  - stage: tokenizer",
                "    config_file: " + E2e.repo().resolve("configs/tokenizers/baichuan2.yaml"),
                "    config:",
                "      vocab_size: 6000",
                "      character_coverage: 0.995",
                "      input_sentence_size: 0",
                ""));
        E2e.Result r = E2e.runChild(E2e.repo(), "run", pipeline.toString(), "--progress", "log");
        E2e.assertExit(0, r);
        Path stage = out.resolve("02-tokenizer");
        Path model = stage.resolve("model/tokenizer.model");
        assertTrue(Files.exists(model) && Files.exists(stage.resolve("model/tokenizer.vocab")), r.out());

        SentencePieceModel m = SentencePieceModel.read(model);
        assertEquals(6000, m.size());
        assertTrue(m.trainerSpec().byteFallback());
        BpeEncoder enc = new BpeEncoder(m);
        String text = "Debian 是一个自由的操作系统 12345";
        assertEquals(text, enc.decode(enc.encode(text)));

        JsonNode stats = new ObjectMapper().readTree(stage.resolve("stats.json").toFile());
        long docs = stats.get("totals").get("docs_in").asLong();
        assertEquals(E2e.lines(out.resolve("01-prepare/kept")), docs, "trains on exactly the prepared documents");
        assertEquals(docs, E2e.lines(stage.resolve("kept")), "documents pass through to the next stage");
        assertTrue(stats.get("tokenizer").get("sentences").asLong() > docs, stats.toString());

        // a second run finds the finished stage and does not retrain
        long modified = Files.getLastModifiedTime(model).toMillis();
        E2e.Result again = E2e.runChild(E2e.repo(), "run", pipeline.toString(), "--progress", "log");
        E2e.assertExit(0, again);
        assertEquals(modified, Files.getLastModifiedTime(model).toMillis());
    }
}
