package io.winnow.mixture.megatron;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only file mapped in 1 GiB windows, so files past Java's 2 GiB buffer limit read like one array of
 * little-endian values. A value that straddles two windows is assembled byte by byte.
 */
final class MappedFile implements Closeable {
    static final int WINDOW_BITS = 30;

    private final Path path;
    private final long size;
    private final MappedByteBuffer[] windows;
    private final int shift;
    private final long mask;

    MappedFile(Path path) throws IOException {
        this(path, WINDOW_BITS);
    }

    /** {@code windowBits} below 30 is for tests of the straddling reads. */
    MappedFile(Path path, int windowBits) throws IOException {
        this.path = path;
        long window = 1L << windowBits;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            size = ch.size();
            int n = (int) Math.max(1, (size + window - 1) / window);
            windows = new MappedByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long start = i * window;
                long len = Math.min(window, size - start);
                windows[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.max(0, len));
                windows[i].order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        this.shift = windowBits;
        this.mask = window - 1;
    }

    Path path() { return path; }

    long size() { return size; }

    byte get(long pos) {
        return windows[(int) (pos >>> shift)].get((int) (pos & mask));
    }

    short getShort(long pos) {
        int off = (int) (pos & mask);
        MappedByteBuffer w = windows[(int) (pos >>> shift)];
        if (off + 2 <= w.limit()) return w.getShort(off);
        return (short) assemble(pos, 2);
    }

    int getInt(long pos) {
        int off = (int) (pos & mask);
        MappedByteBuffer w = windows[(int) (pos >>> shift)];
        if (off + 4 <= w.limit()) return w.getInt(off);
        return (int) assemble(pos, 4);
    }

    long getLong(long pos) {
        int off = (int) (pos & mask);
        MappedByteBuffer w = windows[(int) (pos >>> shift)];
        if (off + 8 <= w.limit()) return w.getLong(off);
        return assemble(pos, 8);
    }

    /** Copies {@code len} bytes at {@code pos} into {@code dst}. */
    void get(long pos, byte[] dst, int off, int len) {
        while (len > 0) {
            int o = (int) (pos & mask);
            MappedByteBuffer w = windows[(int) (pos >>> shift)];
            int n = Math.min(len, w.limit() - o);
            w.get(o, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    private long assemble(long pos, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) v |= (get(pos + i) & 0xFFL) << (8 * i);
        return v;
    }

    @Override
    public void close() {
        // Mapped buffers are unmapped by the garbage collector; nothing to release eagerly.
    }
}
