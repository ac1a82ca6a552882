package io.winnow.core.shard;

import com.fasterxml.jackson.core.JsonGenerator;
import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes one shard to a hidden temp file beside its final name; {@link #commit()} makes it
 * appear under the final name in one atomic rename, so readers never see half a shard.
 */
public final class ShardWriter implements Closeable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private final ByteArrayOutputStream record = new ByteArrayOutputStream(4096);
    private final JsonGenerator gen;
    private long documents;
    private long bytes;
    private boolean finished;
    private boolean published;

    public ShardWriter(Path target, int level) throws IOException {
        Compression c = Compression.of(target);
        if (c == null) throw new IOException(target + ": not a shard name (.jsonl, .jsonl.gz or .jsonl.zst)");
        this.target = target;
        this.temp = tempFor(target);
        Files.createDirectories(target.toAbsolutePath().getParent());
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.out = c.encode(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), level);
        this.gen = DocumentJson.generator(record);
        // one generator writes every line: without this Jackson puts a space between root values
        this.gen.setRootValueSeparator(null);
    }

    /** The hidden temp name used while {@code target} is being written. */
    public static Path tempFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    public Path target() { return target; }

    /** Writes one document as a line; returns the bytes written (uncompressed, with the newline). */
    public int write(Document d) throws IOException {
        record.reset();
        DocumentJson.write(d, gen);
        gen.flush();
        record.write('\n');
        record.writeTo(out);
        documents++;
        bytes += record.size();
        return record.size();
    }

    /** Writes one already-encoded JSON line (a trailing newline is added). */
    public void writeLine(byte[] json) throws IOException {
        out.write(json);
        out.write('\n');
        documents++;
        bytes += json.length + 1;
    }

    public long documents() { return documents; }

    /** Uncompressed bytes written so far. */
    public long bytes() { return bytes; }

    /** Flushes, syncs and renames the temp file to the final name. */
    public Path commit() throws IOException {
        finish();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        published = true;
        return target;
    }

    /**
     * Ends the compressed stream and syncs the temp file, releasing the codec's buffers, but does
     * not publish it yet. Idempotent.
     */
    public void finish() throws IOException {
        if (published) throw new IllegalStateException("already published: " + target);
        if (finished) return;
        finished = true;
        gen.close();
        out.close(); // ends the compressed frame and closes the channel
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Closes and deletes the temp file; the final name is never touched. */
    public void abort() throws IOException {
        if (published) return;
        try {
            if (!finished) {
                finished = true;
                gen.close();
                out.close();
            }
        } catch (IOException ignored) {
            // the file is being thrown away
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void close() throws IOException {
        abort();
    }
}
