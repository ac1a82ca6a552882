package io.winnow.core.shard;

import io.winnow.core.doc.Document;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes documents into {@code PREFIX-00000.jsonl.zst}, {@code PREFIX-00001.jsonl.zst}, ...,
 * starting a new shard once one holds {@code maxShardBytes} of uncompressed JSON. No shard is
 * visible under its final name before {@link #commit()}; {@link #abort()} leaves nothing behind.
 * With {@code prefix = "part"} the names are {@code part-00000.jsonl.zst} and so on.
 */
public final class RollingShardWriter implements Closeable {
    private final Path dir;
    private final String prefix;
    private final Compression compression;
    private final int level;
    private final long maxShardBytes;
    private final List<ShardWriter> shards = new ArrayList<>();
    private ShardWriter current;
    private long documents;
    private long bytes;

    public RollingShardWriter(Path dir, String prefix, Compression compression, int level, long maxShardBytes) {
        this.dir = dir;
        this.prefix = prefix;
        this.compression = compression;
        this.level = level;
        this.maxShardBytes = Math.max(1, maxShardBytes);
    }

    /** The final name of shard number {@code n}. */
    public Path shardPath(int n) {
        return dir.resolve(String.format("%s-%05d%s", prefix, n, compression.extension()));
    }

    public int write(Document d) throws IOException {
        if (current == null || current.bytes() >= maxShardBytes) {
            if (current != null) current.finish(); // only one codec open at a time
            current = new ShardWriter(shardPath(shards.size()), level);
            shards.add(current);
        }
        int n = current.write(d);
        documents++;
        bytes += n;
        return n;
    }

    public long documents() { return documents; }

    public long bytes() { return bytes; }

    /** Publishes every shard written (none if no document was written); returns their paths in order. */
    public List<Path> commit() throws IOException {
        List<Path> out = new ArrayList<>(shards.size());
        for (ShardWriter w : shards) out.add(w.commit());
        shards.clear();
        current = null;
        return out;
    }

    public void abort() throws IOException {
        IOException first = null;
        for (ShardWriter w : shards) {
            try {
                w.abort();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        shards.clear();
        current = null;
        if (first != null) throw first;
    }

    @Override
    public void close() throws IOException {
        abort();
    }
}
