package io.winnow.mixture.megatron;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Megatron dataset split into files of at most {@code maxBinBytes} each ({@code NAME-00000.bin/.idx},
 * {@code NAME-00001...}); a document never spans two files (a single larger document gets a file of its
 * own). Megatron blends such files with {@code --data-path W1 PREFIX1 W2 PREFIX2 ...}.
 */
public final class RollingMegatronWriter implements Closeable {
    private final Path dir;
    private final String name;
    private final DType dtype;
    private final long maxBinBytes;
    private final List<Path> published = new ArrayList<>();
    private final List<Long> publishedTokens = new ArrayList<>();
    private MegatronIndexedWriter current;

    public RollingMegatronWriter(Path dir, String name, DType dtype, long maxBinBytes) {
        if (maxBinBytes < 1) throw new IllegalArgumentException("maximum file size must be positive");
        this.dir = dir;
        this.name = name;
        this.dtype = dtype;
        this.maxBinBytes = maxBinBytes;
    }

    /** Appends one document (one sequence) given as raw little-endian {@code dtype} elements. */
    public void addDocument(byte[] raw, int off, int len) throws IOException {
        writerFor(len).addSequenceBytes(raw, off, len);
        current.endDocument();
    }

    public void addDocument(int[] ids) throws IOException {
        writerFor((long) ids.length * dtype.size()).addDocument(ids);
    }

    private MegatronIndexedWriter writerFor(long bytes) throws IOException {
        if (current != null && current.binBytes() > 0 && current.binBytes() + bytes > maxBinBytes) roll();
        if (current == null) {
            current = new MegatronIndexedWriter(dir.resolve(String.format(Locale.ROOT, "%s-%05d", name, published.size())), dtype);
        }
        return current;
    }

    private void roll() throws IOException {
        current.finish();
        published.add(dir.resolve(String.format(Locale.ROOT, "%s-%05d", name, published.size())));
        publishedTokens.add(current.tokens());
        current = null;
    }

    /** Publishes the last file and returns every file's prefix, in order. An empty dataset still gets one (empty) file. */
    public List<Path> finish() throws IOException {
        if (current == null && published.isEmpty()) writerFor(0);
        if (current != null) roll();
        return List.copyOf(published);
    }

    /** Tokens of each published file, in order. */
    public List<Long> tokensPerFile() { return List.copyOf(publishedTokens); }

    public DType dtype() { return dtype; }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.abort();
            current = null;
        }
    }
}
