package io.winnow.mixture.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.winnow.mixture.testing.RealShards;
import io.winnow.mixture.testing.TestTokenizer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pass-through mix (rate 1, no shuffle, no validation) writes the same bytes as Megatron's preprocess_data.py
 * with {@code --append-eod}: ids from real SentencePiece (python, 0.2.2, {@code .ci/setup.d/20-tokenizer.sh}),
 * files from the layout-only numpy writer. On this machine the same check was also made against Megatron-LM's own
 * IndexedDatasetBuilder (bench/results/mixture-megatron-check.md).
 */
class MixMatchesPreprocessDataTest {
    @TempDir Path tmp;

    @Test
    void passThroughMixEqualsPreprocessDataOutput() throws Exception {
        Path data = RealShards.dir();
        Path model = TestTokenizer.model();
        // shard order of the mix: paths sorted
        List<Path> shards = List.of(data.resolve("en/fortunes-1.jsonl.zst"), data.resolve("zh/manpages-0.jsonl.gz"),
                data.resolve("zh/poetry-2.jsonl.gz"));
        StringBuilder paths = new StringBuilder();
        for (Path p : shards) paths.append(paths.length() == 0 ? "" : ", ").append('"').append(p).append('"');
        String yaml = """
                name: passthrough
                tokenizer: %s
                shuffle: false
                validation_share: 0
                cache_dir: %s
                sources:
                  - {name: all, paths: [%s], rate: 1}
                """.formatted(model, tmp.resolve("cache"), paths);
        Path out = tmp.resolve("mix");
        new MixRun().run(tmp, yaml, out, 2);

        Path dir = tmp.resolve("py");
        Files.createDirectories(dir);
        for (String f : List.of("megatron_layout.py", "preprocess_reference.py")) {
            try (InputStream in = getClass().getResourceAsStream("/io/winnow/mixture/megatron/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        List<String> cmd = new ArrayList<>(List.of("python3", dir.resolve("preprocess_reference.py").toString(), model.toString(),
                tmp.resolve("ref").toString()));
        for (Path p : shards) cmd.add(p.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("python3 reference failed (needs sentencepiece and numpy: .ci/setup.d): " + log);
        }
        long docs = Long.parseLong(log.strip().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(docs, io.winnow.mixture.manifest.Manifest.read(out).train().get(0).documents());
        assertEquals(true, docs > 1000, "documents: " + docs);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("ref.bin")), Files.readAllBytes(out.resolve("train/part-00000.bin")), ".bin");
        assertArrayEquals(Files.readAllBytes(tmp.resolve("ref.idx")), Files.readAllBytes(out.resolve("train/part-00000.idx")), ".idx");
    }
}
