package io.winnow.dedup.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winnow.core.util.AtomicFiles;
import io.winnow.dedup.DedupPlan;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persistent near-duplicate index: every batch of documents ever deduplicated into it, so a new
 * batch is deduplicated against all earlier ones without recomputing them.
 *
 * <pre>
 * DIR/index.json            plan identity, batches (input key, first document number, state, shards)
 * DIR/buckets.dat           LSH buckets (Chronicle Map), see {@link BucketMap}
 * DIR/batches/00002/        per input shard: {@link SignedShard} files; clusters.bin once committed
 * </pre>
 *
 * Documents are numbered globally in input order, batch after batch. A batch moves through
 * signing → signed → bucketed → committed; an earlier batch always wins against a later one. A
 * batch left unfinished by a killed run is resumed when the same input comes again, and rolled
 * back (its buckets and files removed) when other input comes first. One run at a time per index.
 */
final class DedupIndex implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(DedupIndex.class);
    private static final ObjectMapper JSON = AtomicFiles.json();
    static final int FORMAT = 1;

    /** One batch's entry in index.json. */
    static final class Batch {
        final int ordinal;
        final String key;
        final long base;
        String state;
        long[] shardDocs;
        final Path dir;

        Batch(int ordinal, String key, long base, String state, long[] shardDocs, Path dir) {
            this.ordinal = ordinal;
            this.key = key;
            this.base = base;
            this.state = state;
            this.shardDocs = shardDocs;
            this.dir = dir;
        }

        long docs() {
            long n = 0;
            if (shardDocs != null) for (long d : shardDocs) n += d;
            return n;
        }

        boolean atLeast(String s) { return rank(state) >= rank(s); }

        static int rank(String s) {
            return switch (s) {
                case "signing" -> 0;
                case "signed" -> 1;
                case "bucketed" -> 2;
                case "committed" -> 3;
                default -> throw new IllegalStateException("unknown batch state " + s);
            };
        }
    }

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ObjectNode meta;
    private final List<Batch> batches = new ArrayList<>();
    private final DocStore docs = new DocStore();
    private final int bucketAnchors;
    private BucketMap buckets;

    private DedupIndex(Path dir, FileChannel lockChannel, FileLock lock, ObjectNode meta, int bucketAnchors) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.meta = meta;
        this.bucketAnchors = bucketAnchors;
    }

    static DedupIndex open(Path dir, DedupPlan plan, long capacity) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock();
        if (lock == null) {
            ch.close();
            throw new IOException(dir + ": the dedup index is in use by another run");
        }
        try {
            Path file = dir.resolve("index.json");
            ObjectNode meta;
            if (Files.exists(file)) {
                meta = (ObjectNode) JSON.readTree(file.toFile());
                if (meta.path("format").asInt() != FORMAT) throw new IOException(file + ": unknown index format " + meta.path("format"));
                JsonNode had = meta.path("identity");
                if (!had.toString().equals(plan.indexIdentity().toString())) {
                    throw new IOException(dir + ": this index was built with other shingle/MinHash/band settings ("
                            + had + "); this run uses " + plan.indexIdentity() + ". Use the same settings or another --index");
                }
                String sets = meta.path("sets").asText();
                if (!plan.setsKind().equals("none") && !plan.setsKind().equals(sets)) {
                    throw new IOException(dir + ": verify.method=" + plan.verify().name().toLowerCase()
                            + " needs per-document " + plan.setsKind() + ", but this index keeps " + sets
                            + "; use the index's method or another --index");
                }
            } else {
                meta = JsonNodeFactory.instance.objectNode();
                meta.put("format", FORMAT);
                meta.set("identity", plan.indexIdentity());
                meta.put("sets", plan.setsKind());
                meta.put("capacity", capacity);
                meta.putArray("batches");
                AtomicFiles.writeJson(file, meta);
            }
            DedupIndex idx = new DedupIndex(dir, ch, lock, meta, plan.bucketAnchors());
            int i = 0;
            for (JsonNode b : meta.withArray("batches")) {
                long[] shardDocs = null;
                if (b.has("shard_docs")) {
                    shardDocs = new long[b.get("shard_docs").size()];
                    for (int k = 0; k < shardDocs.length; k++) shardDocs[k] = b.get("shard_docs").get(k).asLong();
                }
                Batch batch = new Batch(i, b.get("key").asText(), b.get("base").asLong(), b.get("state").asText(), shardDocs,
                        dir.resolve("batches").resolve(String.format("%05d", i)));
                idx.batches.add(batch);
                if (batch.atLeast("signed")) idx.docs.addBatch(i, batch.dir, batch.base, batch.shardDocs);
                i++;
            }
            return idx;
        } catch (IOException | RuntimeException e) {
            lock.release();
            ch.close();
            throw e;
        }
    }

    Path dir() { return dir; }

    String setsKind() { return meta.path("sets").asText(); }

    long capacity() { return meta.path("capacity").asLong(); }

    List<Batch> batches() { return batches; }

    DocStore docs() { return docs; }

    /**
     * The batch for these inputs: the same batch again when its key is known (a resumed or repeated
     * run), otherwise a new one after the last. An unfinished batch of other inputs is rolled back first.
     */
    Batch batch(String key) throws IOException {
        for (Batch b : batches) if (b.key.equals(key)) return b;
        if (!batches.isEmpty()) {
            Batch last = batches.get(batches.size() - 1);
            if (!last.atLeast("committed")) rollBack(last);
        }
        long base = 0;
        if (!batches.isEmpty()) {
            Batch last = batches.get(batches.size() - 1);
            base = last.base + last.docs();
        }
        Batch b = new Batch(batches.size(), key, base, "signing", null,
                dir.resolve("batches").resolve(String.format("%05d", batches.size())));
        deleteTree(b.dir); // leftovers of a rolled-back batch with this number
        Files.createDirectories(b.dir);
        batches.add(b);
        save();
        return b;
    }

    /** Removes an unfinished batch: its documents from the buckets, its files, its entry. */
    private void rollBack(Batch b) throws IOException {
        LOG.warn("{}: rolling back unfinished batch {} (other input than this run)", dir, b.ordinal);
        if (Batch.rank(b.state) >= Batch.rank("signed") && Files.exists(bucketFile())) {
            long changed = buckets(0).removeFrom(b.base);
            LOG.info("{}: removed batch {} from {} buckets", dir, b.ordinal, changed);
        }
        deleteTree(b.dir);
        batches.remove(b);
        save();
    }

    void signed(Batch b, long[] shardDocs) throws IOException {
        b.shardDocs = shardDocs;
        b.state = "signed";
        docs.addBatch(b.ordinal, b.dir, b.base, shardDocs);
        save();
    }

    void state(Batch b, String state) throws IOException {
        b.state = state;
        save();
    }

    Path bucketFile() { return dir.resolve("buckets.dat"); }

    /** The bucket map, opened on first use and sized for {@code docs} documents (at least the index capacity). */
    BucketMap buckets(long expectedEntries) throws IOException {
        if (buckets == null) {
            buckets = BucketMap.open(bucketFile().toFile(), Math.max(expectedEntries, capacity()), bucketAnchors);
        }
        return buckets;
    }

    /** Committed cluster membership of a batch: sorted (document, kept document) pairs. */
    static Path clustersFile(Batch b) {
        return b.dir.resolve("clusters.bin");
    }

    /**
     * The kept document of {@code g}'s cluster in its (committed) batch, or {@code g} itself when it
     * was kept or unique there.
     */
    long root(long g) throws IOException {
        Batch b = null;
        for (Batch x : batches) if (x.base <= g && g < x.base + x.docs()) b = x;
        if (b == null || !b.atLeast("committed")) return g;
        Path f = clustersFile(b);
        if (!Files.exists(f)) return g;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long n = ch.size() / 16;
            long lo = 0, hi = n - 1;
            ByteBuffer bb = ByteBuffer.allocate(16);
            while (lo <= hi) {
                long mid = (lo + hi) >>> 1;
                bb.clear();
                while (bb.hasRemaining()) {
                    if (ch.read(bb, mid * 16 + bb.position()) < 0) throw new IOException(f + ": truncated");
                }
                bb.flip();
                long doc = bb.getLong();
                long root = bb.getLong();
                if (doc == g) return root;
                if (doc < g) lo = mid + 1;
                else hi = mid - 1;
            }
        }
        return g;
    }

    /** Publishes the batch's cluster membership and marks it committed. */
    void commit(Batch b, Path clusters) throws IOException {
        Path target = clustersFile(b);
        Path tmp = target.resolveSibling(".clusters.bin.tmp");
        Files.copy(clusters, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        state(b, "committed");
    }

    private void save() throws IOException {
        ArrayNode arr = meta.putArray("batches");
        for (Batch b : batches) {
            ObjectNode n = arr.addObject();
            n.put("key", b.key);
            n.put("base", b.base);
            n.put("state", b.state);
            if (b.shardDocs != null) {
                n.put("docs", b.docs());
                ArrayNode sd = n.putArray("shard_docs");
                for (long d : b.shardDocs) sd.add(d);
            }
        }
        AtomicFiles.writeJson(dir.resolve("index.json"), meta);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (buckets != null) buckets.close();
            docs.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}
