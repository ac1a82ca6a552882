package io.winnow.dedup.local;

import io.winnow.core.exec.ParallelTasks;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.progress.Progress;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pass 2: every document of the batch goes into the bucket of each of its bands. Buckets keep
 * their lowest-numbered documents whatever the order, so shards run in parallel, and a pass
 * interrupted half-way is simply run again.
 */
final class BucketPass {
    private BucketPass() {}

    static void run(String label, DedupIndex.Batch batch, BucketMap buckets, int bands, RunOptions options)
            throws IOException, StageFailedException {
        int shards = batch.shardDocs.length;
        long[] starts = starts(batch);
        long bandBytes = 8L * bands * batch.docs(); // progress counts band keys read
        try (Progress progress = new Progress(label, options.progress(), bandBytes, shards, System.err).start()) {
            ParallelTasks.run(label, shards, options.workers(), i -> "shard " + i, i -> {
                try (ShardCursor c = new ShardCursor(batch.dir, i, bands)) {
                    long g = batch.base + starts[i];
                    while (c.next()) {
                        if (c.hasSignature()) {
                            long[] keys = c.keys();
                            for (int b = 0; b < bands; b++) buckets.add(keys[b], g);
                        }
                        g++;
                        if ((c.ordinal() & 1023) == 1023) {
                            progress.addDocs(1024);
                            progress.addBytes(1024L * 8 * bands);
                        }
                    }
                    progress.addDocs((c.ordinal() + 1) & 1023);
                    progress.addBytes(((c.ordinal() + 1) & 1023) * 8L * bands);
                }
                progress.shardDone();
            });
        }
    }

    /** First local document number of every shard of the batch. */
    static long[] starts(DedupIndex.Batch batch) {
        long[] s = new long[batch.shardDocs.length + 1];
        for (int i = 0; i < batch.shardDocs.length; i++) s[i + 1] = s[i] + batch.shardDocs[i];
        return s;
    }

    /** Reads a signed shard's records and band keys in order. */
    static final class ShardCursor implements AutoCloseable {
        private final DataInputStream docs;
        private final DataInputStream bands;
        private final long[] keys;
        private long ordinal = -1;
        private int flags;
        private final long count;

        ShardCursor(Path dir, int shard, int numBands) throws IOException {
            String prefix = LocalDedupEngine.prefix(shard);
            Path docsFile = SignedShard.file(dir, prefix, ".docs");
            count = Files.size(docsFile) / SignedShard.RECORD;
            docs = new DataInputStream(new BufferedInputStream(Files.newInputStream(docsFile), 1 << 16));
            bands = new DataInputStream(new BufferedInputStream(Files.newInputStream(SignedShard.file(dir, prefix, ".bands")), 1 << 16));
            keys = new long[numBands];
        }

        boolean next() throws IOException {
            if (ordinal + 1 >= count) return false;
            ordinal++;
            docs.skipNBytes(SignedShard.RECORD - 4);
            flags = docs.readInt();
            for (int i = 0; i < keys.length; i++) keys[i] = bands.readLong();
            return true;
        }

        long ordinal() { return ordinal; }

        boolean hasSignature() { return (flags & SignedShard.HAS_SIGNATURE) != 0; }

        long[] keys() { return keys; }

        @Override
        public void close() throws IOException {
            docs.close();
            bands.close();
        }
    }
}
