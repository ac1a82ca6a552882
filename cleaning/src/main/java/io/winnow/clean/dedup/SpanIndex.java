package io.winnow.clean.dedup;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * For every span hash: in how many documents it occurs, and the first document (by shard, then
 * ordinal) that has it. Lives off-heap in a Chronicle Map file, so memory does not grow with the
 * corpus; counting is not idempotent, so an interrupted count starts over from an empty file.
 */
final class SpanIndex implements Closeable {
    private final ChronicleMap<Long, byte[]> map;

    private SpanIndex(ChronicleMap<Long, byte[]> map) {
        this.map = map;
    }

    static SpanIndex create(Path file, long expectedSpans) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        return new SpanIndex(builder(expectedSpans).createPersistedTo(file.toFile()));
    }

    static SpanIndex open(Path file, long expectedSpans) throws IOException {
        // the count finished (its marker exists), but the process may have been killed afterwards
        return new SpanIndex(builder(expectedSpans).recoverPersistedTo(file.toFile(), true));
    }

    /** For lookups only, while the run's driver holds the file (a Spark executor's view; see ExactDedupIndex#openForLookups). */
    static SpanIndex openForLookups(Path file, long expectedSpans) throws IOException {
        if (!Files.exists(file)) throw new IOException(file + ": no span index (the span count has not run here)");
        return new SpanIndex(builder(expectedSpans).createPersistedTo(file.toFile()));
    }

    private static ChronicleMapBuilder<Long, byte[]> builder(long expectedSpans) {
        return ChronicleMapBuilder.of(Long.class, byte[].class)
                .name("winnow-span-counts")
                .constantValueSizeBySample(new byte[16])
                .entries(Math.max(1000, expectedSpans))
                .maxBloatFactor(8.0);
    }

    static long position(int shard, long ordinal) {
        return ((long) shard << 40) | ordinal;
    }

    void add(long hash, long position) {
        map.compute(hash, (k, old) -> {
            ByteBuffer b = ByteBuffer.allocate(16);
            if (old == null) return b.putLong(1).putLong(position).array();
            ByteBuffer o = ByteBuffer.wrap(old);
            long count = o.getLong();
            long first = o.getLong();
            return b.putLong(count + 1).putLong(Math.min(first, position)).array();
        });
    }

    /** [documents containing the span, first position], or null. */
    long[] get(long hash) {
        byte[] v = map.get(hash);
        if (v == null) return null;
        ByteBuffer b = ByteBuffer.wrap(v);
        return new long[] {b.getLong(), b.getLong()};
    }

    long size() { return map.longSize(); }

    @Override
    public void close() {
        map.close();
    }
}
