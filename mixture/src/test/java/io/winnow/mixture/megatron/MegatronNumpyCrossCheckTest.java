package io.winnow.mixture.megatron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our files read by an independent numpy reader written from the published layout (test resource
 * {@code megatron_layout.py}, mapping the files as Megatron's {@code _IndexReader} does), and files written by
 * its writer read by ours. numpy comes from {@code .ci/setup.d/30-mixture.sh}; its absence fails the test.
 */
class MegatronNumpyCrossCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    private String python(String stdin, String... args) throws IOException, InterruptedException {
        Path script = dir.resolve("megatron_layout.py");
        if (!Files.exists(script)) {
            try (InputStream in = getClass().getResourceAsStream("megatron_layout.py")) {
                Files.copy(in, script);
            }
        }
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        try (OutputStream o = p.getOutputStream()) {
            if (stdin != null) o.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("python3 numpy reader failed (install numpy: .ci/setup.d/30-mixture.sh): " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static List<int[]> docs(int n, int vocab, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<int[]> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] d = new int[i == 3 ? 0 : 1 + r.nextInt(80)];
            for (int k = 0; k < d.length; k++) d[k] = r.nextInt(vocab);
            docs.add(d);
        }
        return docs;
    }

    @Test
    void numpyReadsWhatWeWrite() throws Exception {
        for (DType t : new DType[] {DType.UINT16, DType.INT32}) {
            List<int[]> docs = docs(200, t == DType.UINT16 ? 65_499 : 125_696, 42);
            Path prefix = dir.resolve("ours-" + t);
            try (MegatronIndexedWriter w = new MegatronIndexedWriter(prefix, t)) {
                for (int[] d : docs) w.addDocument(d);
                w.finish();
            }
            JsonNode r = JSON.readTree(python(null, "read", prefix.toString()));
            assertEquals(1, r.get("version").asInt());
            assertEquals(t.code(), r.get("dtype_code").asInt());
            assertEquals(t.numpyName(), r.get("dtype").asText());
            assertEquals(docs.size(), r.get("sequence_count").asInt());
            assertEquals(docs.size() + 1, r.get("document_count").asInt());
            for (int i = 0; i < docs.size(); i++) {
                assertArrayEquals(docs.get(i), JSON.convertValue(r.get("sequences").get(i), int[].class), t + " sequence " + i);
                assertEquals(i, r.get("document_indices").get(i).asLong());
            }
        }
    }

    @Test
    void weReadWhatNumpyWritesByteForByte() throws Exception {
        for (DType t : new DType[] {DType.UINT16, DType.INT32}) {
            List<int[]> docs = docs(150, t == DType.UINT16 ? 65_499 : 125_696, 9);
            Path theirs = dir.resolve("theirs-" + t);
            python(JSON.writeValueAsString(docs), "write", theirs.toString(), Integer.toString(t.code()));
            try (MegatronIndexedReader r = MegatronIndexedReader.open(theirs)) {
                r.verify();
                assertEquals(t, r.dtype());
                for (int i = 0; i < docs.size(); i++) assertArrayEquals(docs.get(i), r.sequence(i));
            }
            Path ours = dir.resolve("ours2-" + t);
            try (MegatronIndexedWriter w = new MegatronIndexedWriter(ours, t)) {
                for (int[] d : docs) w.addDocument(d);
                w.finish();
            }
            assertArrayEquals(Files.readAllBytes(Path.of(theirs + ".bin")), Files.readAllBytes(Path.of(ours + ".bin")));
            assertArrayEquals(Files.readAllBytes(Path.of(theirs + ".idx")), Files.readAllBytes(Path.of(ours + ".idx")));
        }
    }
}
