package io.winnow.mixture.sample;

import io.winnow.core.exec.StageLayout;
import io.winnow.core.progress.Progress;
import io.winnow.mixture.megatron.DType;
import io.winnow.mixture.megatron.MegatronIndexedReader;
import io.winnow.mixture.megatron.RollingMegatronWriter;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The last step of a mix: merges the shards' sorted runs into one stream in shuffle-key order — a seeded
 * global shuffle of all documents, in memory bounded by the number of shards — and copies each document's
 * tokens from the token cache, plus the end-of-document id, into the train or validation Megatron files.
 * The order depends only on the keys (ties: shard, document, copy), so any worker count gives the same bytes.
 * Entries: shuffle key, {@code shard << 32 | document ordinal}, {@code copy << 1 | validation} (3 longs).
 */
public final class ShuffleMerge {
    /** Token source per shard: the cached dataset whose sequence i is document i of the shard. */
    public interface Tokens {
        MegatronIndexedReader open(int shard) throws IOException;
    }

    /** The files written for one split and their token counts. */
    public record Split(List<Path> prefixes, List<Long> tokens) {}

    public record Result(Split train, Split valid) {}

    private ShuffleMerge() {}

    public static Result run(StageLayout layout, int shards, Tokens tokens, DType dtype, int eodId, boolean appendEod,
                             Path trainDir, Path validDir, long maxShardBytes, long expectedEntries,
                             Progress.Mode progressMode) throws IOException {
        List<Cursor> cursors = new ArrayList<>();
        PriorityQueue<Cursor> heap = new PriorityQueue<>(ShuffleMerge::compare);
        MegatronIndexedReader[] readers = new MegatronIndexedReader[shards];
        try (RollingMegatronWriter train = new RollingMegatronWriter(trainDir, "part", dtype, maxShardBytes);
             RollingMegatronWriter valid = new RollingMegatronWriter(validDir, "part", dtype, maxShardBytes);
             Progress progress = new Progress("mix write", progressMode, 0, shards, System.err).start()) {
            for (int s = 0; s < shards; s++) {
                Path run = SamplePass.runFile(layout, s);
                if (Files.size(run) == 0) continue;
                Cursor c = new Cursor(s, run);
                cursors.add(c);
                if (c.advance()) heap.add(c);
            }
            byte[] buf = new byte[1 << 16];
            byte[] eod = eodBytes(eodId, dtype);
            int eodLen = appendEod ? eod.length : 0;
            long done = 0;
            while (!heap.isEmpty()) {
                Cursor c = heap.poll();
                int docShard = (int) (c.where >>> 32);
                MegatronIndexedReader r = readers[docShard];
                if (r == null) r = readers[docShard] = tokens.open(docShard);
                long ordinal = c.where & 0xFFFFFFFFL;
                int len = r.length(ordinal) * dtype.size();
                if (buf.length < len + eodLen) buf = new byte[Math.max(len + eodLen, buf.length * 2)];
                r.sequenceBytes(ordinal, buf, 0);
                if (appendEod) System.arraycopy(eod, 0, buf, len, eodLen);
                ((c.flags & 1) == 1 ? valid : train).addDocument(buf, 0, len + eodLen);
                if ((++done & 4095) == 0) progress.addDocs(4096);
                if (c.advance()) heap.add(c);
            }
            progress.addDocs(done & 4095);
            if (done != expectedEntries) {
                throw new IOException("mix: wrote " + done + " documents, the sampling pass planned " + expectedEntries);
            }
            List<Path> t = train.finish();
            List<Path> v = valid.finish();
            return new Result(new Split(t, train.tokensPerFile()), new Split(v, valid.tokensPerFile()));
        } finally {
            for (Cursor c : cursors) c.close();
            for (MegatronIndexedReader r : readers) if (r != null) r.close();
        }
    }

    static byte[] eodBytes(int id, DType dtype) {
        ByteBuffer b = ByteBuffer.allocate(dtype.size()).order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype.size()) {
            case 2 -> b.putShort((short) id);
            case 4 -> b.putInt(id);
            default -> throw new IllegalArgumentException("token dtype " + dtype);
        }
        return b.array();
    }

    private static int compare(Cursor a, Cursor b) {
        int c = Long.compare(a.key, b.key);
        if (c == 0) c = Long.compare(a.where, b.where);
        return c != 0 ? c : Long.compare(a.flags, b.flags);
    }

    /** Reads one shard's run, entry by entry. */
    private static final class Cursor implements Closeable {
        final int shard;
        private final InputStream in;
        private final byte[] raw = new byte[SamplePass.ENTRY];
        private final ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long key;
        long where;
        long flags;

        Cursor(int shard, Path file) throws IOException {
            this.shard = shard;
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 15);
        }

        boolean advance() throws IOException {
            int n = in.readNBytes(raw, 0, raw.length);
            if (n == 0) return false;
            if (n < raw.length) throw new EOFException("shuffle run of shard " + shard + " ends inside an entry");
            b.clear();
            key = b.getLong();
            where = b.getLong();
            flags = b.getLong();
            return true;
        }

        @Override
        public void close() throws IOException { in.close(); }
    }
}
