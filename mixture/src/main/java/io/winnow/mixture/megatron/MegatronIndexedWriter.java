package io.winnow.mixture.megatron;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes one Megatron-LM indexed dataset, {@code PREFIX.bin} and {@code PREFIX.idx}, byte for byte as
 * Megatron's {@code IndexedDatasetBuilder} does:
 * <ul>
 * <li>{@code .bin}: every sequence's elements as raw little-endian {@code dtype} values, no header, no padding;
 * <li>{@code .idx}: magic {@code MMIDIDX\0\0}, version 1 ({@code <Q}), dtype code ({@code <B}), sequence
 *     count S ({@code <Q}), document-index count D ({@code <Q}), then int32 sequence lengths[S], int64 byte
 *     pointers[S] into the {@code .bin}, int64 document indices[D] (0, then the sequence count after each
 *     document).
 * </ul>
 * Both files are written under hidden temporary names and renamed into place by {@link #finish()}, the
 * {@code .idx} last, so a reader never sees half a dataset. Memory: 12 bytes per sequence for the index.
 */
public final class MegatronIndexedWriter implements Closeable {
    /** {@code _INDEX_HEADER} of Megatron's indexed_dataset.py. */
    public static final byte[] MAGIC = "MMIDIDX\0\0".getBytes(StandardCharsets.US_ASCII);
    public static final long VERSION = 1;
    /** Magic, version, dtype code, sequence count, document count. */
    public static final int HEADER_BYTES = 9 + 8 + 1 + 8 + 8;

    private final Path bin;
    private final Path idx;
    private final Path tmpBin;
    private final Path tmpIdx;
    private final DType dtype;
    private final FileChannel out;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private final IntArrayList lengths = new IntArrayList();
    private final LongArrayList documentIndices = new LongArrayList();
    private long binBytes;
    private long tokens;
    private boolean closed;

    /** Starts {@code prefix.bin}/{@code prefix.idx} (e.g. {@code out/train/part-00000}); integer dtypes only. */
    public MegatronIndexedWriter(Path prefix, DType dtype) throws IOException {
        if (!dtype.isInteger()) throw new IllegalArgumentException("token files need an integer dtype, not " + dtype);
        this.dtype = dtype;
        this.bin = sibling(prefix, ".bin");
        this.idx = sibling(prefix, ".idx");
        this.tmpBin = bin.resolveSibling("." + bin.getFileName() + ".tmp");
        this.tmpIdx = idx.resolveSibling("." + idx.getFileName() + ".tmp");
        Path dir = bin.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        out = FileChannel.open(tmpBin, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        documentIndices.add(0);
    }

    static Path sibling(Path prefix, String ext) {
        return prefix.resolveSibling(prefix.getFileName() + ext);
    }

    public DType dtype() { return dtype; }

    public Path binFile() { return bin; }

    public Path idxFile() { return idx; }

    /** Bytes of {@code .bin} so far. */
    public long binBytes() { return binBytes; }

    public long tokens() { return tokens; }

    public int sequences() { return lengths.size(); }

    /** Documents ended so far. */
    public int documents() { return documentIndices.size() - 1; }

    /** Appends one sequence; every id must fit the dtype. */
    public void addSequence(int[] ids) throws IOException {
        addSequence(ids, 0, ids.length);
    }

    public void addSequence(int[] ids, int from, int to) throws IOException {
        int n = to - from;
        for (int i = from; i < to; i++) put(ids[i]);
        recordSequence(n);
    }

    /**
     * Appends one sequence given as raw little-endian elements already in this writer's dtype (copied from
     * another dataset of the same dtype).
     */
    public void addSequenceBytes(byte[] raw, int off, int len) throws IOException {
        if (len % dtype.size() != 0) {
            throw new IllegalArgumentException(len + " bytes is not a whole number of " + dtype.numpyName() + " elements");
        }
        int elements = len / dtype.size();
        while (len > 0) {
            if (!buf.hasRemaining()) flush();
            int n = Math.min(len, buf.remaining());
            buf.put(raw, off, n);
            off += n;
            len -= n;
        }
        recordSequence(elements);
    }

    private void put(long v) throws IOException {
        if (v < dtype.min() || v > dtype.max()) {
            throw new IllegalArgumentException("token id " + v + " does not fit " + dtype.numpyName());
        }
        if (buf.remaining() < 8) flush();
        switch (dtype.size()) {
            case 1 -> buf.put((byte) v);
            case 2 -> buf.putShort((short) v);
            case 4 -> buf.putInt((int) v);
            default -> buf.putLong(v);
        }
    }

    private void recordSequence(int n) {
        lengths.add(n);
        binBytes += (long) n * dtype.size();
        tokens += n;
    }

    /** Closes the current document: its sequences are those added since the previous call. */
    public void endDocument() {
        documentIndices.add(lengths.size());
    }

    /** One document of one sequence, as {@code preprocess_data.py} writes without {@code --split-sentences}. */
    public void addDocument(int[] ids) throws IOException {
        addSequence(ids);
        endDocument();
    }

    private void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) out.write(buf);
        buf.clear();
    }

    /** Writes the index and publishes both files. */
    public void finish() throws IOException {
        if (closed) throw new IllegalStateException("writer already closed");
        if (documentIndices.getLong(documentIndices.size() - 1) != lengths.size()) {
            throw new IllegalStateException("the last " + (lengths.size() - documentIndices.getLong(documentIndices.size() - 1))
                    + " sequences belong to no document: call endDocument()");
        }
        flush();
        out.force(true);
        out.close();
        closed = true;
        writeIndex(tmpIdx, dtype, lengths, documentIndices);
        Files.move(tmpBin, bin, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpIdx, idx, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The {@code .idx} file for the given sequence lengths and document indices. */
    static void writeIndex(Path file, DType dtype, IntArrayList lengths, LongArrayList documentIndices) throws IOException {
        int s = lengths.size();
        int d = documentIndices.size();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            b.put(MAGIC).putLong(VERSION).put((byte) dtype.code()).putLong(s).putLong(d);
            for (int i = 0; i < s; i++) {
                if (b.remaining() < 8) drain(ch, b);
                b.putInt(lengths.getInt(i));
            }
            long pointer = 0;
            for (int i = 0; i < s; i++) {
                if (b.remaining() < 8) drain(ch, b);
                b.putLong(pointer);
                pointer += (long) lengths.getInt(i) * dtype.size();
            }
            for (int i = 0; i < d; i++) {
                if (b.remaining() < 8) drain(ch, b);
                b.putLong(documentIndices.getLong(i));
            }
            drain(ch, b);
            ch.force(true);
        }
    }

    private static void drain(FileChannel ch, ByteBuffer b) throws IOException {
        b.flip();
        while (b.hasRemaining()) ch.write(b);
        b.clear();
    }

    /** Removes the temporary files of an unfinished writer. */
    public void abort() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
        Files.deleteIfExists(tmpBin);
        Files.deleteIfExists(tmpIdx);
    }

    /** Aborts unless {@link #finish()} ran. */
    @Override
    public void close() throws IOException {
        if (!closed) abort();
    }
}
