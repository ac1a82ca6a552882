package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.tokenizer.model.SentencePieceModel;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code winnow tokenizer train} with plain spm flags runs without building picocli's model: the same model, the
 * same report line and the same errors as through picocli.
 */
class TokenizerTrainDirectTest {
    @TempDir Path tmp;

    @Test
    void directAndPicocliRunsTrainTheSameModel() throws Exception {
        Path text = tmp.resolve("text.txt");
        // the repository's own READMEs: real prose, nothing fetched
        try (Stream<Path> files = Files.list(E2e.repo())) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(Files.readAllBytes(E2e.repo().resolve("README.md")));
            for (Path d : files.sorted().toList()) {
                if (Files.exists(d.resolve("README.md"))) b.writeBytes(Files.readAllBytes(d.resolve("README.md")));
            }
            Files.write(text, b.toByteArray());
        }
        String[] flags = {"--input", text.toString(), "--vocab_size=1500", "--split_digits", "--byte_fallback=true",
                "--normalization_rule_name=identity", "--add_dummy_prefix=false", "--quiet"};

        // a child JVM through main(): the direct path
        E2e.Result direct = E2e.runChild(tmp, concat(new String[]{"tokenizer", "train", "--model_prefix", "direct/m"}, flags));
        E2e.assertExit(0, direct);
        // in process through picocli's command line
        E2e.Result picocli = E2e.cli(concat(new String[]{"tokenizer", "train", "--model_prefix", tmp.resolve("picocli/m").toString()}, flags));
        E2e.assertExit(0, picocli);

        assertArrayEquals(Files.readAllBytes(tmp.resolve("picocli/m.vocab")), Files.readAllBytes(tmp.resolve("direct/m.vocab")));
        SentencePieceModel a = SentencePieceModel.read(tmp.resolve("picocli/m.model"));
        SentencePieceModel b = SentencePieceModel.read(tmp.resolve("direct/m.model"));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertEquals(a.piece(i), b.piece(i), "piece " + i);
        assertEquals(a.trainerSpec().getBool("split_digits"), b.trainerSpec().getBool("split_digits"));
        String report = trainedLine(direct.out());
        assertTrue(report.startsWith("trained direct/m.model: 1,500 pieces"), direct.out());
        // the same report, but for the prefix and the times
        assertEquals(trainedLine(picocli.out()).replaceAll("^trained \\S+|[0-9.]+ s", ""), report.replaceAll("^trained \\S+|[0-9.]+ s", ""));

        // a bad value fails as it does through picocli: exit 2, the flag named
        E2e.Result bad = E2e.runChild(tmp, "tokenizer", "train", "--input", text.toString(), "--model_prefix", "bad/m",
                "--vocab_size=many");
        assertEquals(2, bad.exit(), bad.out());
        assertTrue(bad.out().contains("tokenizer train: --vocab_size: not a number: 'many'"), bad.out());
        // and what the direct path cannot read still goes to picocli
        E2e.Result unknown = E2e.runChild(tmp, "tokenizer", "train", "--input", text.toString(), "--no_such_flag=1");
        assertEquals(2, unknown.exit(), unknown.out());
        assertTrue(unknown.out().contains("Unknown option: '--no_such_flag=1'"), unknown.out());
    }

    private static String trainedLine(String out) {
        return out.lines().filter(l -> l.startsWith("trained ")).findFirst().orElse("(no report line) " + out);
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
