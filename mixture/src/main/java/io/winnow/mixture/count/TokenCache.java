package io.winnow.mixture.count;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.util.AtomicFiles;
import io.winnow.mixture.megatron.DType;
import io.winnow.mixture.megatron.MegatronIndexedReader;
import io.winnow.mixture.megatron.MegatronIndexedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token ids of every document of a shard, kept between runs so a changed mixture (shares, filters,
 * weights, seed) does not tokenize again. An entry is a Megatron dataset with one sequence per document in
 * shard order (no end-of-document tokens), keyed by the tokenizer's SHA-256 and the shard's absolute path,
 * size and modification time; its {@code .json} side file is written last and marks it complete.
 */
public final class TokenCache {
    private static final ObjectMapper JSON = AtomicFiles.json();

    private final Path dir;
    private final String tokenizerSha256;
    private final DType dtype;

    public TokenCache(Path dir, String tokenizerSha256, DType dtype) {
        this.dir = dir;
        this.tokenizerSha256 = tokenizerSha256;
        this.dtype = dtype;
    }

    public Path dir() { return dir; }

    /** The cache key of a shard for this tokenizer. */
    String key(Path shard) throws IOException {
        Path abs = shard.toAbsolutePath().normalize();
        String id = tokenizerSha256 + "\n" + abs + "\n" + Files.size(shard) + "\n" + Files.getLastModifiedTime(shard).toMillis();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path meta(String key) { return dir.resolve(key + ".json"); }

    /** The cached tokens of {@code shard}, or null when there are none for this tokenizer and file version. */
    public MegatronIndexedReader open(Path shard) throws IOException {
        String key = key(shard);
        if (!Files.exists(meta(key))) return null;
        MegatronIndexedReader r = MegatronIndexedReader.open(dir.resolve(key));
        if (r.dtype() != dtype) {
            r.close();
            return null;
        }
        return r;
    }

    /** Starts an entry for {@code shard}; {@link Entry#commit} publishes it. */
    public Entry begin(Path shard) throws IOException {
        Files.createDirectories(dir);
        String key = key(shard);
        return new Entry(shard, key, new MegatronIndexedWriter(dir.resolve(key), dtype));
    }

    /** An entry being written. */
    public final class Entry implements AutoCloseable {
        private final Path shard;
        private final String key;
        private final MegatronIndexedWriter writer;
        private boolean committed;

        private Entry(Path shard, String key, MegatronIndexedWriter writer) {
            this.shard = shard;
            this.key = key;
            this.writer = writer;
        }

        public void add(int[] ids) throws IOException { writer.addDocument(ids); }

        public void commit() throws IOException {
            writer.finish();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shard", shard.toAbsolutePath().normalize().toString());
            m.put("shard_bytes", Files.size(shard));
            m.put("shard_modified_ms", Files.getLastModifiedTime(shard).toMillis());
            m.put("tokenizer_sha256", tokenizerSha256);
            m.put("dtype", dtype.numpyName());
            m.put("documents", writer.documents());
            m.put("tokens", writer.tokens());
            AtomicFiles.writeJson(meta(key), m);
            committed = true;
        }

        @Override
        public void close() throws IOException {
            if (!committed) writer.abort();
        }
    }

    static ObjectMapper json() { return JSON; }
}
