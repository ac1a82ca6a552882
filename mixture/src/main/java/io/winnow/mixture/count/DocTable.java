package io.winnow.mixture.count;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Per-document results of the count pass for one shard, in document order, so the sampling pass never
 * reads the JSON again: the source the document went to ({@link #DROPPED} if none), its weight, tokens
 * (with the end-of-document token), text bytes and its 64-bit key. 26 bytes per document.
 */
public final class DocTable {
    public static final short DROPPED = -1;
    static final int RECORD = 2 + 8 + 4 + 4 + 8;

    /** One document's row. */
    public static final class Row {
        public short source;
        public double weight;
        public int tokens;
        public int bytes;
        public long key;
    }

    private DocTable() {}

    /** Writes rows to a temp file; {@link #commit()} renames it into place. */
    public static final class Writer implements Closeable {
        private final Path target;
        private final Path tmp;
        private final OutputStream out;
        private final ByteBuffer b = ByteBuffer.allocate(RECORD).order(ByteOrder.LITTLE_ENDIAN);
        private boolean done;

        public Writer(Path target) throws IOException {
            this.target = target;
            this.tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.createDirectories(target.toAbsolutePath().getParent());
            this.out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
        }

        public void write(short source, double weight, int tokens, int bytes, long key) throws IOException {
            b.clear();
            b.putShort(source).putDouble(weight).putInt(tokens).putInt(bytes).putLong(key);
            out.write(b.array(), 0, RECORD);
        }

        public void commit() throws IOException {
            out.close();
            done = true;
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void close() throws IOException {
            if (!done) {
                out.close();
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Reads rows in order. */
    public static final class Reader implements Closeable {
        private final InputStream in;
        private final byte[] buf = new byte[RECORD];
        private final ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);

        public Reader(Path file) throws IOException {
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        }

        /** Fills {@code row}; false at the end. */
        public boolean next(Row row) throws IOException {
            int n = in.readNBytes(buf, 0, RECORD);
            if (n == 0) return false;
            if (n < RECORD) throw new EOFException("document table ends inside a record");
            b.clear();
            row.source = b.getShort();
            row.weight = b.getDouble();
            row.tokens = b.getInt();
            row.bytes = b.getInt();
            row.key = b.getLong();
            return true;
        }

        @Override
        public void close() throws IOException { in.close(); }
    }
}
