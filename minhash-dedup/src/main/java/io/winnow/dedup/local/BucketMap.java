package io.winnow.dedup.local;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * The LSH buckets, persisted in a Chronicle Map file: bucket key (64-bit hash of band index and
 * band values) → the {@code k} lowest-numbered documents seen in that bucket (its anchors). A
 * bucket's content depends only on the set of documents added, never on the order, so adding in
 * parallel is deterministic and adding a document twice changes nothing.
 */
final class BucketMap implements Closeable {
    private final ChronicleMap<Long, byte[]> map;
    private final int k;

    private BucketMap(ChronicleMap<Long, byte[]> map, int k) {
        this.map = map;
        this.k = k;
    }

    /** Opens the map file, creating it for about {@code entries} buckets, or recovering one a killed run left. */
    static BucketMap open(File file, long entries, int k) throws IOException {
        ChronicleMapBuilder<Long, byte[]> b = ChronicleMapBuilder.of(Long.class, byte[].class)
                .name("winnow-lsh-buckets")
                .averageValueSize(8 * Math.min(k, 2) + 4)
                .entries(Math.max(10_000, entries))
                .maxBloatFactor(10.0);
        ChronicleMap<Long, byte[]> m = file.exists() ? b.recoverPersistedTo(file, true) : b.createPersistedTo(file);
        return new BucketMap(m, k);
    }

    long size() { return map.longSize(); }

    /** Adds document {@code g} to bucket {@code key}; the bucket keeps its k lowest documents. */
    void add(long key, long g) {
        // most buckets are new: one putIfAbsent; a merge only when the bucket would change
        byte[] cur = map.putIfAbsent(key, encode(new long[] {g}, 1));
        if (cur == null || !wouldChange(cur, g)) return;
        map.compute(key, (kk, old) -> old == null ? encode(new long[] {g}, 1) : merged(old, g));
    }

    /** Copies the anchors of bucket {@code key} (ascending) into {@code out}; returns how many (0 if none). */
    int anchors(long key, long[] out) {
        byte[] v = map.get(key);
        if (v == null) return 0;
        int n = v.length / 8;
        ByteBuffer bb = ByteBuffer.wrap(v);
        for (int i = 0; i < n; i++) out[i] = bb.getLong();
        return n;
    }

    /** Removes every document numbered {@code from} or above (an unfinished batch); returns the buckets changed. */
    long removeFrom(long from) {
        List<Long> keys = new ArrayList<>();
        map.forEachEntry(e -> {
            byte[] v = e.value().get();
            ByteBuffer bb = ByteBuffer.wrap(v);
            for (int i = 0; i < v.length / 8; i++) {
                if (bb.getLong() >= from) {
                    keys.add(e.key().get());
                    break;
                }
            }
        });
        for (Long key : keys) {
            map.computeIfPresent(key, (kk, old) -> {
                long[] a = decode(old);
                int n = 0;
                for (long x : a) if (x < from) a[n++] = x;
                return n == 0 ? null : encode(a, n);
            });
        }
        return keys.size();
    }

    private boolean wouldChange(byte[] cur, long g) {
        int n = cur.length / 8;
        ByteBuffer bb = ByteBuffer.wrap(cur);
        long last = 0;
        for (int i = 0; i < n; i++) {
            long x = bb.getLong();
            if (x == g) return false;
            last = x;
        }
        return n < k || g < last;
    }

    private byte[] merged(byte[] old, long g) {
        long[] a = decode(old);
        for (long x : a) if (x == g) return old;
        long[] b = new long[a.length + 1];
        int n = 0;
        boolean placed = false;
        for (long x : a) {
            if (!placed && g < x) {
                b[n++] = g;
                placed = true;
            }
            b[n++] = x;
        }
        if (!placed) b[n++] = g;
        return encode(b, Math.min(n, k));
    }

    private static long[] decode(byte[] v) {
        long[] a = new long[v.length / 8];
        ByteBuffer bb = ByteBuffer.wrap(v);
        for (int i = 0; i < a.length; i++) a[i] = bb.getLong();
        return a;
    }

    private static byte[] encode(long[] a, int n) {
        ByteBuffer bb = ByteBuffer.allocate(8 * n);
        for (int i = 0; i < n; i++) bb.putLong(a[i]);
        return bb.array();
    }

    @Override
    public void close() {
        map.close();
    }
}
