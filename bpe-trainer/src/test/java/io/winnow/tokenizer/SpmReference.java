package io.winnow.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs real SentencePiece (the pip package, 0.2.2) through python3 for the compatibility tests. Installed by
 * {@code .ci/setup.d/20-tokenizer.sh}; a missing install is a test failure, not a skip.
 */
public final class SpmReference {
    private static Path script;

    private SpmReference() {}

    private static synchronized Path script() throws IOException {
        if (script == null) {
            Path dir = Files.createTempDirectory("spm-ref");
            script = dir.resolve("spm_ref.py");
            try (InputStream in = SpmReference.class.getResourceAsStream("spm_ref.py")) {
                Files.copy(in, script);
            }
            String v = run(List.of("version")).strip();
            if (!v.startsWith("0.2.")) throw new IllegalStateException("need sentencepiece 0.2.x, found " + v);
        }
        return script;
    }

    static String run(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("python3");
        cmd.add(script.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("python3 SentencePiece reference failed (" + String.join(" ", cmd)
                        + "); install it with .ci/setup.d/20-tokenizer.sh:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }

    private static String call(List<String> args) throws IOException {
        script();
        return run(args);
    }

    /** Trains with the Python API and exactly these flags; returns PREFIX.model. */
    public static Path train(Path prefix, Path corpus, String... flags) throws IOException {
        List<String> a = new ArrayList<>(List.of("train", prefix.toString(), corpus.toString()));
        a.addAll(List.of(flags));
        call(a);
        return Path.of(prefix + ".model");
    }

    /**
     * Trains once per flag set and corpus, caching the model under {@code target/spm-ref/} (the key is a hash of the
     * flags and the corpus path and size), so the test classes share reference models.
     */
    public static synchronized Path trainCached(Path corpus, String... flags) throws IOException {
        String key = Integer.toHexString(java.util.Objects.hash(List.of(flags), corpus.toString(), Files.size(corpus)));
        Path dir = Path.of("target", "spm-ref").toAbsolutePath();
        Files.createDirectories(dir);
        Path model = dir.resolve(key + ".model");
        if (!Files.exists(model)) {
            Path tmp = dir.resolve(key + ".tmp");
            train(tmp, corpus, flags);
            Files.move(Path.of(tmp + ".vocab"), dir.resolve(key + ".vocab"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(Path.of(tmp + ".model"), model, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return model;
    }

    /** Ids of every '\n'-separated line of the file (bytes as they are, invalid UTF-8 included). */
    public static List<int[]> encode(Path model, Path input) throws IOException {
        Path out = Files.createTempFile("spm-ids", ".txt");
        call(List.of("encode", model.toString(), input.toString(), out.toString()));
        List<int[]> ids = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            ids.add(line.isEmpty() ? new int[0] : java.util.Arrays.stream(line.split(" ")).mapToInt(Integer::parseInt).toArray());
        }
        Files.delete(out);
        return ids;
    }

    /** Ids from Hugging Face tokenizers for each line; null where the line is not valid UTF-8. */
    public static List<int[]> hfEncode(Path tokenizerJson, Path input) throws IOException {
        Path out = Files.createTempFile("hf-ids", ".txt");
        call(List.of("hf_encode", tokenizerJson.toString(), input.toString(), out.toString()));
        List<int[]> ids = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            if (line.equals("SKIP")) ids.add(null);
            else ids.add(line.isEmpty() ? new int[0] : java.util.Arrays.stream(line.split(" ")).mapToInt(Integer::parseInt).toArray());
        }
        Files.delete(out);
        return ids;
    }

    public static List<String> decode(Path model, List<int[]> ids) throws IOException {
        Path in = Files.createTempFile("spm-dec-in", ".txt"), out = Files.createTempFile("spm-dec", ".txt");
        StringBuilder sb = new StringBuilder();
        for (int[] l : ids) {
            for (int i = 0; i < l.length; i++) sb.append(i > 0 ? " " : "").append(l[i]);
            sb.append('\n');
        }
        Files.writeString(in, sb);
        call(List.of("decode", model.toString(), in.toString(), out.toString()));
        List<String> r = new ArrayList<>();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : Files.readAllLines(out, StandardCharsets.US_ASCII)) r.add(json.readValue(line, String.class));
        Files.delete(in);
        Files.delete(out);
        return r;
    }

    /** Lines of a file split on '\n' as raw bytes (the last empty piece dropped). */
    public static List<byte[]> byteLines(Path file) throws IOException {
        byte[] d = Files.readAllBytes(file);
        List<byte[]> lines = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(d, s, i));
                s = i + 1;
            }
        }
        if (s < d.length) lines.add(java.util.Arrays.copyOfRange(d, s, d.length));
        return lines;
    }
}
