package io.winnow.core.shard;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** The shard encodings Winnow reads and writes, chosen by file extension. */
public enum Compression {
    NONE(".jsonl"),
    GZIP(".jsonl.gz"),
    ZSTD(".jsonl.zst");

    private final String extension;

    Compression(String extension) {
        this.extension = extension;
    }

    public String extension() { return extension; }

    /** The compression of a shard file, or null when the name is not a shard name. */
    public static Compression of(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".jsonl.zst") || n.endsWith(".jsonl.zstd")) return ZSTD;
        if (n.endsWith(".jsonl.gz")) return GZIP;
        if (n.endsWith(".jsonl") || n.endsWith(".json")) return NONE;
        return null;
    }

    public static Compression parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none", "jsonl", "plain" -> NONE;
            case "gz", "gzip" -> GZIP;
            case "zst", "zstd" -> ZSTD;
            default -> throw new IllegalArgumentException("unknown compression '" + name + "' (use zstd, gzip or none)");
        };
    }

    /** Wraps a raw file stream; multi-member gzip and multi-frame zstd are read whole. */
    public InputStream decode(InputStream raw) throws IOException {
        return switch (this) {
            case NONE -> raw;
            case GZIP -> new GzipCompressorInputStream(new BufferedInputStream(raw, 1 << 16), true);
            case ZSTD -> new ZstdCompressorInputStream(new BufferedInputStream(raw, 1 << 16));
        };
    }

    /** Wraps a raw file stream for writing; {@code level} < 0 takes the codec's default. */
    public OutputStream encode(OutputStream raw, int level) throws IOException {
        return switch (this) {
            case NONE -> raw;
            case GZIP -> {
                GzipParameters p = new GzipParameters();
                p.setCompressionLevel(level < 0 ? 6 : level);
                p.setBufferSize(1 << 16);
                yield new GzipCompressorOutputStream(raw, p);
            }
            case ZSTD -> new ZstdOutputStream(raw, level < 0 ? 3 : level);
        };
    }
}
