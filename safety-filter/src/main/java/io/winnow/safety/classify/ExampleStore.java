package io.winnow.safety.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Featurized examples spilled to a temporary file, so training reads them once per epoch with
 * memory bounded by the shuffle buffer rather than by the data set.
 */
final class ExampleStore implements Closeable {
    /** A featurized example; {@code label} indexes the label dictionary. */
    record Item(int label, SparseVector x) {}

    private final Path file;
    private DataOutputStream out;
    private long count;

    ExampleStore(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        this.file = Files.createTempFile(dir, name, ".examples");
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    void add(int label, SparseVector x) throws IOException {
        out.writeInt(label);
        out.writeInt(x.size());
        for (int i = 0; i < x.size(); i++) {
            out.writeInt(x.index()[i]);
            out.writeFloat(x.value()[i]);
        }
        count++;
    }

    long count() { return count; }

    /** Every item in insertion order. */
    void forEach(Consumer<Item> f) throws IOException {
        finishWriting();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            for (long k = 0; k < count; k++) f.accept(readItem(in));
        }
    }

    /**
     * Every item once, in an order shuffled by a buffer of {@code buffer} items: a full shuffle when
     * the data fit in the buffer, a local one otherwise. The order depends only on {@code rnd}.
     */
    void forEachShuffled(int buffer, SplittableRandom rnd, Consumer<Item> f) throws IOException {
        finishWriting();
        Item[] buf = new Item[(int) Math.max(1, Math.min(buffer, count))];
        int filled = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            for (long k = 0; k < count; k++) {
                Item it = readItem(in);
                if (filled < buf.length) {
                    buf[filled++] = it;
                    continue;
                }
                int j = rnd.nextInt(buf.length);
                f.accept(buf[j]);
                buf[j] = it;
            }
        }
        // drain what is left in random order (Fisher-Yates)
        for (int i = filled - 1; i >= 0; i--) {
            int j = rnd.nextInt(i + 1);
            Item t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
            f.accept(buf[i]);
        }
    }

    private static Item readItem(DataInputStream in) throws IOException {
        try {
            int label = in.readInt();
            int n = in.readInt();
            int[] idx = new int[n];
            float[] val = new float[n];
            for (int i = 0; i < n; i++) {
                idx[i] = in.readInt();
                val[i] = in.readFloat();
            }
            return new Item(label, new SparseVector(idx, val));
        } catch (EOFException e) {
            throw new IOException("example store truncated", e);
        }
    }

    private void finishWriting() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    @Override
    public void close() throws IOException {
        finishWriting();
        Files.deleteIfExists(file);
    }
}
