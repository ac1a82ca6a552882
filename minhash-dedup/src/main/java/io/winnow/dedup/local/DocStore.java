package io.winnow.dedup.local;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Random access, by global document number, to what the signature pass kept of every document of
 * every batch in an index ({@link SignedShard} files). Global numbers run batch by batch, shard by
 * shard, in input order. Thread-safe: reads are positional.
 */
final class DocStore implements Closeable {
    /** One document's record. */
    static final class Doc {
        long g;
        long idOffset;
        int idLen;
        int textBytes;
        double quality;
        long setOffset;
        int setLen;
        int flags;

        boolean hasSignature() { return (flags & SignedShard.HAS_SIGNATURE) != 0; }
    }

    private record Batch(int ordinal, Path dir, long base, long[] shardStarts) {}

    private final List<Batch> batches = new ArrayList<>();
    private final ConcurrentHashMap<String, FileChannel> channels = new ConcurrentHashMap<>();
    private final ThreadLocal<ByteBuffer> record = ThreadLocal.withInitial(() -> ByteBuffer.allocate(SignedShard.RECORD));
    private final ThreadLocal<ByteBuffer[]> big = ThreadLocal.withInitial(() -> new ByteBuffer[] {ByteBuffer.allocate(4096)});

    /** Registers a batch whose shards hold {@code shardDocs[i]} documents, numbered from {@code base}. */
    synchronized void addBatch(int ordinal, Path dir, long base, long[] shardDocs) {
        long[] starts = new long[shardDocs.length + 1];
        for (int i = 0; i < shardDocs.length; i++) starts[i + 1] = starts[i] + shardDocs[i];
        batches.add(new Batch(ordinal, dir, base, starts));
        batches.sort((a, b) -> Long.compare(a.base, b.base));
    }

    private Batch batchOf(long g) {
        Batch found = null;
        for (Batch b : batches) {
            if (b.base <= g) found = b;
            else break;
        }
        if (found == null || g - found.base >= found.shardStarts[found.shardStarts.length - 1]) {
            throw new IllegalArgumentException("document " + g + " is in no batch of the index");
        }
        return found;
    }

    Doc read(long g, Doc d) throws IOException {
        Batch b = batchOf(g);
        long local = g - b.base;
        int s = shardOf(b, local);
        long ordinal = local - b.shardStarts[s];
        ByteBuffer bb = record.get();
        bb.clear();
        readFully(channel(b, s, ".docs"), bb, ordinal * SignedShard.RECORD);
        bb.flip();
        d.g = g;
        d.idOffset = bb.getLong();
        d.idLen = bb.getInt();
        d.textBytes = bb.getInt();
        d.quality = bb.getDouble();
        d.setOffset = bb.getLong();
        d.setLen = bb.getInt();
        d.flags = bb.getInt();
        return d;
    }

    /** The id of document {@code g} (read with {@link #read} into {@code d}), or null when it had none. */
    String id(Doc d) throws IOException {
        if (d.idLen < 0) return null;
        Batch b = batchOf(d.g);
        int s = shardOf(b, d.g - b.base);
        ByteBuffer bb = buffer(d.idLen);
        readFully(channel(b, s, ".ids"), bb, d.idOffset);
        return new String(bb.array(), 0, d.idLen, StandardCharsets.UTF_8);
    }

    /** Reads the set of document {@code d} into {@code out} (grown as needed); returns the array. */
    int[] set(Doc d, int[] out) throws IOException {
        if (out.length < d.setLen) out = new int[Math.max(d.setLen, out.length * 2)];
        if (d.setLen == 0) return out;
        Batch b = batchOf(d.g);
        int s = shardOf(b, d.g - b.base);
        ByteBuffer bb = buffer(d.setLen * 4);
        readFully(channel(b, s, ".sets"), bb, d.setOffset * 4);
        bb.flip();
        bb.asIntBuffer().get(out, 0, d.setLen);
        return out;
    }

    private static int shardOf(Batch b, long local) {
        int s = Arrays.binarySearch(b.shardStarts, local);
        if (s < 0) s = -s - 2;
        while (s + 1 < b.shardStarts.length && b.shardStarts[s + 1] == local) s++;
        return s;
    }

    private ByteBuffer buffer(int size) {
        ByteBuffer[] holder = big.get();
        if (holder[0].capacity() < size) holder[0] = ByteBuffer.allocate(Math.max(size, holder[0].capacity() * 2));
        ByteBuffer bb = holder[0];
        bb.clear();
        bb.limit(size);
        return bb;
    }

    private FileChannel channel(Batch b, int shard, String ext) {
        String key = b.ordinal + "/" + shard + ext;
        return channels.computeIfAbsent(key, k -> {
            try {
                return FileChannel.open(SignedShard.file(b.dir, LocalDedupEngine.prefix(shard), ext), StandardOpenOption.READ);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static void readFully(FileChannel ch, ByteBuffer bb, long pos) throws IOException {
        while (bb.hasRemaining()) {
            int n = ch.read(bb, pos);
            if (n < 0) throw new IOException("unexpected end of an index file at " + pos);
            pos += n;
        }
    }

    @Override
    public void close() throws IOException {
        for (FileChannel c : channels.values()) c.close();
        channels.clear();
    }
}
