package io.winnow.mixture.megatron;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a Megatron-LM indexed dataset ({@code PREFIX.bin} + {@code PREFIX.idx}) through memory maps, as
 * Megatron's {@code _IndexReader} and {@code IndexedDataset} do: nothing is loaded up front, so opening a
 * file of billions of tokens is instant and random access is a page-cache read. Thread-safe.
 *
 * <p>{@link #open} checks the header and that the file sizes agree with the counts; {@link #verify()}
 * also walks every pointer and document index. Errors name the file and the byte offset.
 */
public final class MegatronIndexedReader implements Closeable {
    private final Path prefix;
    private final MappedFile idx;
    private final MappedFile bin;
    private final DType dtype;
    private final long sequences;
    private final long documentIndexCount;
    private final long lengthsAt;
    private final long pointersAt;
    private final long documentsAt;
    private final boolean hasModes;

    private MegatronIndexedReader(Path prefix, MappedFile idx, MappedFile bin) throws IOException {
        this.prefix = prefix;
        this.idx = idx;
        this.bin = bin;
        Path f = idx.path();
        if (idx.size() < MegatronIndexedWriter.HEADER_BYTES) {
            throw new IOException(f + ": " + idx.size() + " bytes is shorter than the "
                    + MegatronIndexedWriter.HEADER_BYTES + "-byte header");
        }
        byte[] magic = new byte[MegatronIndexedWriter.MAGIC.length];
        idx.get(0, magic, 0, magic.length);
        if (!Arrays.equals(magic, MegatronIndexedWriter.MAGIC)) {
            throw new IOException(f + " at offset 0: not a Megatron index (magic is not MMIDIDX\\0\\0)");
        }
        long version = idx.getLong(9);
        if (version != MegatronIndexedWriter.VERSION) {
            throw new IOException(f + " at offset 9: index version " + version + ", only version 1 is known");
        }
        try {
            dtype = DType.ofCode(idx.get(17) & 0xFF);
        } catch (IllegalArgumentException e) {
            throw new IOException(f + " at offset 17: " + e.getMessage(), e);
        }
        sequences = idx.getLong(18);
        documentIndexCount = idx.getLong(26);
        if (sequences < 0 || documentIndexCount < 1) {
            throw new IOException(f + " at offset 18: impossible counts (" + sequences + " sequences, "
                    + documentIndexCount + " document indices)");
        }
        lengthsAt = MegatronIndexedWriter.HEADER_BYTES;
        pointersAt = lengthsAt + 4 * sequences;
        documentsAt = pointersAt + 8 * sequences;
        long expected = documentsAt + 8 * documentIndexCount;
        if (idx.size() == expected) {
            hasModes = false;
        } else if (idx.size() == expected + sequences) {
            hasModes = true; // multimodal datasets append one int8 mode per sequence
        } else {
            throw new IOException(f + ": " + idx.size() + " bytes, but " + sequences + " sequences and "
                    + documentIndexCount + " document indices need " + expected + " (truncated or not this format)");
        }
        if (sequences > 0) {
            long lastEnd = pointer(sequences - 1) + (long) length(sequences - 1) * dtype.size();
            if (lastEnd != bin.size()) {
                throw new IOException(bin.path() + ": " + bin.size() + " bytes, but the index ends its last sequence at byte "
                        + lastEnd);
            }
        } else if (bin.size() != 0) {
            throw new IOException(bin.path() + ": " + bin.size() + " bytes, but the index lists no sequences");
        }
    }

    /** Opens {@code prefix.bin} and {@code prefix.idx}; a path ending in {@code .bin} or {@code .idx} is taken as its prefix. */
    public static MegatronIndexedReader open(Path prefix) throws IOException {
        Path p = prefixOf(prefix);
        Path idxFile = MegatronIndexedWriter.sibling(p, ".idx");
        Path binFile = MegatronIndexedWriter.sibling(p, ".bin");
        for (Path x : new Path[] {idxFile, binFile}) {
            if (!Files.isRegularFile(x)) throw new NoSuchFileException(x.toString(), null, "Megatron dataset file missing");
        }
        return new MegatronIndexedReader(p, new MappedFile(idxFile), new MappedFile(binFile));
    }

    /** For tests of reads across mapping windows. */
    static MegatronIndexedReader open(Path prefix, int windowBits) throws IOException {
        Path p = prefixOf(prefix);
        return new MegatronIndexedReader(p, new MappedFile(MegatronIndexedWriter.sibling(p, ".idx"), windowBits),
                new MappedFile(MegatronIndexedWriter.sibling(p, ".bin"), windowBits));
    }

    /** {@code a/b.bin} and {@code a/b.idx} → {@code a/b}; anything else unchanged. */
    public static Path prefixOf(Path p) {
        String n = p.getFileName().toString();
        if (n.endsWith(".bin") || n.endsWith(".idx")) return p.resolveSibling(n.substring(0, n.length() - 4));
        return p;
    }

    public Path prefix() { return prefix; }

    public DType dtype() { return dtype; }

    /** S: sequences (one per document unless sentences were split). */
    public long sequenceCount() { return sequences; }

    /** Documents: one less than the number of document indices. */
    public long documentCount() { return documentIndexCount - 1; }

    public boolean hasSequenceModes() { return hasModes; }

    /** Tokens in sequence {@code i}. */
    public int length(long i) {
        check(i);
        return idx.getInt(lengthsAt + 4 * i);
    }

    /** Byte offset of sequence {@code i} in the {@code .bin}. */
    public long pointer(long i) {
        check(i);
        return idx.getLong(pointersAt + 8 * i);
    }

    /** Entry {@code i} of the document indices: the first sequence of document {@code i} (entry D-1 is S). */
    public long documentIndex(long i) {
        if (i < 0 || i >= documentIndexCount) {
            throw new IndexOutOfBoundsException("document index " + i + " of " + documentIndexCount);
        }
        return idx.getLong(documentsAt + 8 * i);
    }

    public int mode(long i) {
        check(i);
        if (!hasModes) throw new IllegalStateException(prefix + " has no sequence modes");
        return idx.get(documentsAt + 8 * documentIndexCount + i);
    }

    /** Bytes of the {@code .bin}: total tokens times the element size. */
    public long binBytes() { return bin.size(); }

    public long totalTokens() { return bin.size() / dtype.size(); }

    /** The ids of sequence {@code i}. */
    public int[] sequence(long i) {
        int n = length(i);
        int[] out = new int[n];
        read(i, 0, n, out, 0);
        return out;
    }

    /** Copies {@code count} ids of sequence {@code i} from position {@code from} into {@code dst[dstOff...]}. */
    public void read(long i, int from, int count, int[] dst, int dstOff) {
        int n = length(i);
        if (from < 0 || count < 0 || from + count > n) {
            throw new IndexOutOfBoundsException("tokens [" + from + ", " + (from + count) + ") of a sequence of " + n);
        }
        long p = pointer(i) + (long) from * dtype.size();
        for (int k = 0; k < count; k++, p += dtype.size()) dst[dstOff + k] = (int) element(p);
    }

    /** Raw little-endian bytes of sequence {@code i}, e.g. to copy into another dataset of the same dtype. */
    public byte[] sequenceBytes(long i) {
        byte[] b = new byte[length(i) * dtype.size()];
        bin.get(pointer(i), b, 0, b.length);
        return b;
    }

    /** Copies the raw bytes of sequence {@code i} into {@code dst} (which must hold them); returns the count. */
    public int sequenceBytes(long i, byte[] dst, int off) {
        int len = length(i) * dtype.size();
        bin.get(pointer(i), dst, off, len);
        return len;
    }

    private long element(long pos) {
        return switch (dtype) {
            case UINT8 -> bin.get(pos) & 0xFFL;
            case INT8 -> bin.get(pos);
            case UINT16 -> bin.getShort(pos) & 0xFFFFL;
            case INT16 -> bin.getShort(pos);
            case INT32 -> bin.getInt(pos);
            case INT64 -> bin.getLong(pos);
            default -> throw new IllegalStateException(prefix + ": dtype " + dtype.numpyName() + " does not hold token ids");
        };
    }

    private void check(long i) {
        if (i < 0 || i >= sequences) throw new IndexOutOfBoundsException("sequence " + i + " of " + sequences);
    }

    /**
     * Walks the whole index: pointers follow from the lengths, lengths are not negative, document indices
     * start at 0, never decrease and end at S. O(S); {@link #open} checks only the header and sizes.
     */
    public void verify() throws IOException {
        Path f = idx.path();
        long expect = 0;
        for (long i = 0; i < sequences; i++) {
            int len = idx.getInt(lengthsAt + 4 * i);
            if (len < 0) throw new IOException(f + " at offset " + (lengthsAt + 4 * i) + ": negative length " + len);
            long ptr = idx.getLong(pointersAt + 8 * i);
            if (ptr != expect) {
                throw new IOException(f + " at offset " + (pointersAt + 8 * i) + ": pointer of sequence " + i + " is " + ptr
                        + ", the lengths before it give " + expect);
            }
            expect += (long) len * dtype.size();
        }
        long prev = -1;
        for (long i = 0; i < documentIndexCount; i++) {
            long v = idx.getLong(documentsAt + 8 * i);
            boolean bad = i == 0 ? v != 0 : v < prev || v > sequences;
            if (bad) {
                throw new IOException(f + " at offset " + (documentsAt + 8 * i) + ": document index " + i + " is " + v
                        + (i == 0 ? " (must be 0)" : " (after " + prev + ", of " + sequences + " sequences)"));
            }
            prev = v;
        }
        if (prev != sequences) {
            throw new IOException(f + ": the document indices end at " + prev + ", not at the sequence count " + sequences);
        }
    }

    @Override
    public void close() {
        idx.close();
        bin.close();
    }
}
