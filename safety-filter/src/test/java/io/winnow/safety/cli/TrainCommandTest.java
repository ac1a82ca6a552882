package io.winnow.safety.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.testing.Corpora;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code winnow safety train} on a real labelled set with a damaged record in it. */
class TrainCommandTest {
    @TempDir Path tmp;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = new CommandLine(new SafetyCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void badRecordsAreSkippedCountedAndKeptAndLabelsCanBeAnyField() throws Exception {
        // fortunes labelled by their language (en/zh): every 4th fortune, one line cut in half
        List<String> lines = Files.readAllLines(Corpora.file("jsonl/fortunes.jsonl"));
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 4) sample.add(lines.get(i));
        sample.set(100, sample.get(100).substring(0, sample.get(100).length() / 2));
        Path in = tmp.resolve("fortunes.jsonl");
        Files.write(in, sample);
        Path model = tmp.resolve("lang.bin");
        Run r = run("train", "--input", in.toString(), "--label-field", "lang", "--positive", "zh", "--output", model.toString(),
                "--buckets-log2", "16", "--epochs", "2");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("1 unreadable records skipped"), r.out());
        JsonNode report = new ObjectMapper().readTree(tmp.resolve("lang.bin.json").toFile());
        assertEquals(1, report.get("bad_records").asInt());
        assertEquals(sample.size() - 1, report.get("documents").asInt());
        assertTrue(report.get("held_out").get("f1").asDouble() > 0.95, report.toString());
        List<String> bad = Files.readAllLines(tmp.resolve("lang.bin.bad-records.jsonl"));
        assertEquals(1, bad.size());
        JsonNode b = new ObjectMapper().readTree(bad.get(0));
        assertEquals(101, b.get("line").asInt());
        assertEquals(in.toString(), b.get("file").asText());

        Run missing = run("train", "--input", in.toString(), "--output", model.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--label-field"), missing.err());
        Run badOpt = run("train", "--input", in.toString(), "--label-field", "lang", "--output", model.toString(), "--char-ngrams", "3-5");
        assertEquals(2, badOpt.exit());
        assertTrue(badOpt.err().contains("--char-ngrams"), badOpt.err());
    }
}
