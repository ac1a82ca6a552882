package io.winnow.mixture.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.mixture.megatron.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code manifest.json} of a finished mix, read back: what a trainer needs to load the token files (dtype,
 * vocabulary size, end-of-document id, the train and validation file prefixes with their token counts) and
 * the whole document for anything else. Written by the mix as its last file, so its presence means the mix is
 * complete. Everything in it is a function of the config and the inputs (no times, no worker counts): two
 * runs of the same config on the same inputs write the same manifest.
 */
public final class Manifest {
    public static final String FILE = "manifest.json";
    public static final String FORMAT = "winnow-mixture/1";

    /** One Megatron dataset of a split: its prefix (absolute), tokens and documents. */
    public record DataFile(Path prefix, long tokens, long documents) {}

    private final Path dir;
    private final JsonNode root;

    private Manifest(Path dir, JsonNode root) {
        this.dir = dir;
        this.root = root;
    }

    /** Reads {@code DIR/manifest.json}; the error names the file. */
    public static Manifest read(Path mixDir) throws IOException {
        Path f = mixDir.resolve(FILE);
        if (!Files.exists(f)) throw new NoSuchFileException(f.toString(), null, "no manifest: not a finished mix");
        JsonNode n = new ObjectMapper().readTree(f.toFile());
        if (!FORMAT.equals(n.path("format").asText())) {
            throw new IOException(f + ": format is '" + n.path("format").asText() + "', expected " + FORMAT);
        }
        return new Manifest(mixDir, n);
    }

    public JsonNode json() { return root; }

    public DType dtype() { return DType.valueOf(root.path("tokenizer").path("dtype").asText().toUpperCase(java.util.Locale.ROOT)); }

    public int vocabSize() { return root.path("tokenizer").path("vocab_size").asInt(); }

    /** The end-of-document id appended to every document, or -1 if none was. */
    public int eodId() { return root.path("tokenizer").path("append_eod").asBoolean() ? root.path("tokenizer").path("eod_id").asInt() : -1; }

    public List<DataFile> train() { return split("train"); }

    public List<DataFile> valid() { return split("valid"); }

    private List<DataFile> split(String name) {
        List<DataFile> out = new ArrayList<>();
        for (JsonNode f : root.path("splits").path(name).path("datasets")) {
            out.add(new DataFile(dir.resolve(f.path("prefix").asText()), f.path("tokens").asLong(), f.path("documents").asLong()));
        }
        return out;
    }
}
