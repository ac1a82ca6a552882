package io.winnow.clean.dedup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.util.AtomicFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * A persistent map from a document's 128-bit text hash to the copy that is kept, in a Chronicle
 * Map file (off-heap, survives restarts). Every batch of input gets an ordinal the first time it
 * is seen ({@code batches.json}); a copy from an earlier batch always wins, so a new batch is
 * deduplicated against everything before it. Within a batch the winner is the earliest position
 * (shard, then document ordinal) or, with {@link Keep#QUALITY}, the highest {@code scores.quality}.
 * Winners depend only on the data, never on thread scheduling.
 */
public final class ExactDedupIndex implements Closeable {
    public enum Keep { FIRST, QUALITY }

    /** Where a kept copy is. */
    public record Position(int batch, int shard, long ordinal, double quality, String id) {
        byte[] encode() {
            byte[] idBytes = id == null ? new byte[0] : id.getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(24 + idBytes.length);
            b.putInt(batch).putInt(shard).putLong(ordinal).putDouble(quality).put(idBytes);
            return b.array();
        }

        static Position decode(byte[] v) {
            ByteBuffer b = ByteBuffer.wrap(v);
            int batch = b.getInt();
            int shard = b.getInt();
            long ordinal = b.getLong();
            double q = b.getDouble();
            String id = new String(v, 24, v.length - 24, StandardCharsets.UTF_8);
            return new Position(batch, shard, ordinal, q, id.isEmpty() ? null : id);
        }

        public boolean samePlace(int batch, int shard, long ordinal) {
            return this.batch == batch && this.shard == shard && this.ordinal == ordinal;
        }
    }

    private static final ObjectMapper JSON = AtomicFiles.json();
    private final ChronicleMap<byte[], byte[]> map;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final int batch;
    private final Keep keep;

    private ExactDedupIndex(ChronicleMap<byte[], byte[]> map, FileChannel lockChannel, FileLock lock, int batch, Keep keep) {
        this.map = map;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.batch = batch;
        this.keep = keep;
    }

    /**
     * Opens (or creates) the index in {@code dir} for the batch identified by {@code batchKey}
     * (same inputs, same key: a re-run of a batch keeps its ordinal). One run at a time per index.
     */
    public static ExactDedupIndex open(Path dir, String batchKey, Keep keep, long expectedEntries) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock();
        if (lock == null) {
            ch.close();
            throw new IOException(dir + ": the exact-dedup index is in use by another run");
        }
        try {
            int batch = batchOrdinal(dir.resolve("batches.json"), batchKey);
            ChronicleMapBuilder<byte[], byte[]> b = builder(expectedEntries);
            java.io.File f = dir.resolve("exact.dat").toFile();
            // An existing file may come from a killed run: recover it (segment locks, counters) before use.
            ChronicleMap<byte[], byte[]> map = f.exists() ? b.recoverPersistedTo(f, true) : b.createPersistedTo(f);
            return new ExactDedupIndex(map, ch, lock, batch, keep);
        } catch (IOException | RuntimeException e) {
            lock.release();
            ch.close();
            throw e;
        }
    }

    /**
     * Opens, for {@link #winner} lookups only, an index whose scan is finished and which the run's driver
     * holds (a Spark executor's view of it): no lock, nothing written. Chronicle Map lets several
     * processes map one file; they must see the same file (the same machine, or a filesystem whose
     * memory-mapped files are coherent across machines).
     */
    public static ExactDedupIndex openForLookups(Path dir, String batchKey, Keep keep, long expectedEntries) throws IOException {
        Path batches = dir.resolve("batches.json");
        @SuppressWarnings("unchecked")
        List<String> known = Files.exists(batches)
                ? (List<String>) JSON.readValue(batches.toFile(), LinkedHashMap.class).getOrDefault("batches", List.of()) : List.of();
        int batch = known.indexOf(batchKey);
        Path f = dir.resolve("exact.dat");
        if (batch < 0 || !Files.exists(f)) throw new IOException(dir + ": no exact-dedup index of this batch (its scan has not run here)");
        return new ExactDedupIndex(builder(expectedEntries).createPersistedTo(f.toFile()), null, null, batch, keep);
    }

    private static ChronicleMapBuilder<byte[], byte[]> builder(long expectedEntries) {
        return ChronicleMapBuilder.of(byte[].class, byte[].class)
                .name("winnow-exact-dedup")
                .constantKeySizeBySample(new byte[16])
                .averageValueSize(64)
                .entries(Math.max(1000, expectedEntries))
                .maxBloatFactor(8.0);
    }

    @SuppressWarnings("unchecked")
    private static int batchOrdinal(Path file, String key) throws IOException {
        Map<String, Object> m = Files.exists(file) ? JSON.readValue(file.toFile(), LinkedHashMap.class) : new LinkedHashMap<>();
        List<String> batches = (List<String>) m.computeIfAbsent("batches", k -> new ArrayList<String>());
        int i = batches.indexOf(key);
        if (i >= 0) return i;
        batches.add(key);
        AtomicFiles.writeJson(file, m);
        return batches.size() - 1;
    }

    public int batch() { return batch; }

    public long size() { return map.longSize(); }

    /** Records a copy; the index keeps whichever copy wins. */
    public void offer(byte[] hash, int shard, long ordinal, double quality, String id) {
        Position mine = new Position(batch, shard, ordinal, quality, id);
        byte[] enc = mine.encode();
        map.compute(hash, (k, old) -> old == null || better(mine, Position.decode(old)) ? enc : old);
    }

    /** The kept copy of a hash, or null if the hash was never offered. */
    public Position winner(byte[] hash) {
        byte[] v = map.get(hash);
        return v == null ? null : Position.decode(v);
    }

    boolean better(Position a, Position b) {
        if (a.batch() != b.batch()) return a.batch() < b.batch();
        if (keep == Keep.QUALITY && a.quality() != b.quality()) return a.quality() > b.quality();
        if (a.shard() != b.shard()) return a.shard() < b.shard();
        return a.ordinal() < b.ordinal();
    }

    @Override
    public void close() throws IOException {
        try {
            map.close();
        } finally {
            if (lock != null) lock.release(); // a lookup-only view holds no lock
            if (lockChannel != null) lockChannel.close();
        }
    }
}
