package io.winnow.dedup.local;

import io.winnow.core.exec.ParallelTasks;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.Compression;
import io.winnow.dedup.DedupPlan;
import io.winnow.dedup.cluster.KeepRule;
import io.winnow.dedup.cluster.UnionFind;
import io.winnow.dedup.output.Decisions;
import io.winnow.dedup.output.DedupOutput;
import io.winnow.dedup.output.DedupStats;
import io.winnow.dedup.verify.Jaccard;
import io.winnow.dedup.verify.VerifyMethod;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass 3: candidate pairs from the buckets (each document against the anchors of its buckets
 * that come before it), verification, union-find clusters, the kept document of each cluster and
 * the verdicts per shard. Everything here is a function of the data: the result is the same for
 * any number of workers. Interrupted, the pass runs again from the start.
 */
final class ClusterPass {
    private final String label;
    private final DedupPlan plan;
    private final DedupIndex index;
    private final DedupIndex.Batch batch;
    private final BucketMap buckets;
    private final RunOptions options;
    private final Path out;
    private final boolean writeClusters;
    private final boolean writePairs;
    private final DedupStats stats;

    ClusterPass(String label, DedupPlan plan, DedupIndex index, DedupIndex.Batch batch, BucketMap buckets, RunOptions options,
                Path out, boolean writeClusters, boolean writePairs, DedupStats stats) {
        this.label = label;
        this.plan = plan;
        this.index = index;
        this.batch = batch;
        this.buckets = buckets;
        this.options = options;
        this.out = out;
        this.writeClusters = writeClusters;
        this.writePairs = writePairs;
        this.stats = stats;
    }

    /** Runs the pass; writes OUT/_winnow/decisions/, the batch's cluster membership file and the reports. */
    void run(Path membershipFile) throws IOException, StageFailedException {
        long[] starts = BucketPass.starts(batch);
        long[] pairs = candidates(starts);
        int n = pairs.length / 2;
        stats.candidatePairs = n;
        float[] sim = verify(pairs);

        UnionFind uf = new UnionFind();
        Long2LongOpenHashMap oldRoots = new Long2LongOpenHashMap();
        long accepted = 0;
        for (int i = 0; i < n; i++) {
            if (plan.verify() != VerifyMethod.NONE) stats.addSimilarity(sim[i]);
            if (!accepts(sim[i])) continue;
            accepted++;
            long g = pairs[2 * i];
            long a = pairs[2 * i + 1];
            if (a < batch.base) {
                long r;
                if (oldRoots.containsKey(a)) {
                    r = oldRoots.get(a);
                } else {
                    r = index.root(a);
                    oldRoots.put(a, r);
                }
                a = r;
            }
            uf.union(g, a);
        }
        stats.acceptedPairs = accepted;

        // components, in order of their lowest document
        Long2ObjectOpenHashMap<LongArrayList> comps = new Long2ObjectOpenHashMap<>();
        LongArrayList members = uf.members();
        for (int i = 0; i < members.size(); i++) {
            long m = members.getLong(i);
            comps.computeIfAbsent(uf.find(m), k -> new LongArrayList()).add(m);
        }
        long[] roots = comps.keySet().toLongArray();
        Arrays.sort(roots);

        Path decisionsDir = DedupOutput.decisions(out);
        DedupOutput.deleteTree(decisionsDir);
        Files.createDirectories(decisionsDir);
        Decisions[] perShard = new Decisions[batch.shardDocs.length];
        DocStore docs = index.docs();
        DocStore.Doc d = new DocStore.Doc();
        LongArrayList membership = new LongArrayList();
        Path clustersDir = DedupOutput.clustersDir(out);
        Files.createDirectories(clustersDir);
        try (ReportWriter clusters = writeClusters ? new ReportWriter(clustersDir.resolve("clusters.jsonl.zst")) : null) {
            for (long root : roots) {
                LongArrayList c = comps.get(root);
                c.sort(null);
                boolean earlier = root < batch.base;
                long kept = earlier ? root : best(c, docs, d);
                String keptId = idOf(kept, docs, d);
                int size = c.size();
                stats.addCluster(size);
                stats.offerLargest(kept, keptId, size);
                for (int i = 0; i < size; i++) {
                    long m = c.getLong(i);
                    if (m < batch.base) continue;
                    stats.docsInClusters++;
                    long local = m - batch.base;
                    int s = shardOf(starts, local);
                    Decisions dec = perShard[s] == null ? (perShard[s] = new Decisions()) : perShard[s];
                    if (m == kept) {
                        dec.add(local - starts[s], Decisions.KEPT, kept, size, null);
                    } else {
                        dec.add(local - starts[s], Decisions.REMOVED, kept, 0, keptId);
                        stats.removed++;
                        if (earlier) stats.removedAsEarlierBatchDuplicates++;
                    }
                    membership.add(m);
                    membership.add(kept);
                }
                if (clusters != null) clusters.cluster(kept, keptId, earlier, c, docs, d);
            }
        }
        for (int s = 0; s < perShard.length; s++) {
            if (perShard[s] == null) continue;
            perShard[s].sort();
            perShard[s].write(Decisions.file(decisionsDir, s));
        }
        writeMembership(membership, membershipFile);
        if (writePairs) writePairs(pairs, sim, clustersDir.resolve("pairs.tsv.zst"), docs);
    }

    private boolean accepts(float s) {
        return plan.verify() == VerifyMethod.NONE || s >= plan.verifyThreshold();
    }

    /** Every (document, earlier anchor) pair, deduplicated per document, in document order. */
    private long[] candidates(long[] starts) throws IOException, StageFailedException {
        int shards = batch.shardDocs.length;
        LongArrayList[] perShard = new LongArrayList[shards];
        int bands = plan.layout().bands();
        try (Progress progress = new Progress(label + " candidates", options.progress(), 8L * bands * batch.docs(), shards, System.err).start()) {
            ParallelTasks.run(label, shards, options.workers(), i -> "shard " + i, i -> {
                LongArrayList list = new LongArrayList();
                long[] anchors = new long[plan.bucketAnchors()];
                long[] cand = new long[bands * plan.bucketAnchors()];
                long seen = 0;
                long reported = 0;
                try (BucketPass.ShardCursor cur = new BucketPass.ShardCursor(batch.dir, i, bands)) {
                    long g = batch.base + starts[i];
                    while (cur.next()) {
                        if (cur.hasSignature()) {
                            int nc = 0;
                            long[] keys = cur.keys();
                            for (int b = 0; b < bands; b++) {
                                int na = buckets.anchors(keys[b], anchors);
                                for (int j = 0; j < na; j++) if (anchors[j] < g) cand[nc++] = anchors[j];
                            }
                            if (nc > 0) {
                                Arrays.sort(cand, 0, nc);
                                for (int j = 0; j < nc; j++) {
                                    if (j > 0 && cand[j] == cand[j - 1]) continue;
                                    list.add(g);
                                    list.add(cand[j]);
                                }
                            }
                        }
                        g++;
                        if (++seen - reported == 1024) {
                            progress.addDocs(1024);
                            progress.addBytes(1024L * 8 * bands);
                            reported = seen;
                        }
                    }
                }
                progress.addDocs(seen - reported);  // the shard's tail, so the bar ends at 100 %
                progress.addBytes((seen - reported) * 8 * bands);
                perShard[i] = list;
                progress.shardDone();
            });
        }
        long total = 0;
        for (LongArrayList l : perShard) total += l.size();
        if (total > Integer.MAX_VALUE - 8) throw new IOException("too many candidate pairs for one batch (" + total / 2 + "); split the input");
        long[] all = new long[(int) total];
        int p = 0;
        for (LongArrayList l : perShard) {
            l.getElements(0, all, p, l.size());
            p += l.size();
        }
        return all;
    }

    /** Similarity of every candidate pair (NaN when not verified). */
    private float[] verify(long[] pairs) throws StageFailedException {
        int n = pairs.length / 2;
        float[] sim = new float[n];
        if (plan.verify() == VerifyMethod.NONE) {
            Arrays.fill(sim, Float.NaN);
            return sim;
        }
        int chunk = 4096;
        int chunks = (n + chunk - 1) / chunk;
        DocStore docs = index.docs();
        boolean exact = plan.verify() == VerifyMethod.EXACT;
        try (Progress progress = new Progress(label + " verify", options.progress(), n, chunks, System.err).start()) {
            ParallelTasks.run(label + " verify", chunks, options.workers(), c -> "pairs from " + (long) c * chunk, c -> {
                DocStore.Doc x = new DocStore.Doc();
                DocStore.Doc y = new DocStore.Doc();
                int[] a = new int[1024];
                int[] b = new int[1024];
                int end = Math.min(n, (c + 1) * chunk);
                for (int i = c * chunk; i < end; i++) {
                    docs.read(pairs[2 * i], x);
                    docs.read(pairs[2 * i + 1], y);
                    a = docs.set(x, a);
                    b = docs.set(y, b);
                    sim[i] = (float) (exact ? Jaccard.of(a, x.setLen, b, y.setLen)
                            : Jaccard.agreement(a, b, Math.min(x.setLen, y.setLen)));
                }
                progress.addDocs(end - c * chunk);
                progress.addBytes(end - c * chunk);
                progress.shardDone();
            });
        }
        return sim;
    }

    /** The member the keep rule picks (members sorted ascending). */
    private long best(LongArrayList c, DocStore docs, DocStore.Doc d) throws IOException {
        KeepRule rule = plan.keep();
        if (rule == KeepRule.FIRST) return c.getLong(0);
        long bestG = -1, bestLen = 0;
        double bestQ = 0;
        for (int i = 0; i < c.size(); i++) {
            docs.read(c.getLong(i), d);
            if (bestG < 0 || rule.better(d.g, d.textBytes, d.quality, bestG, bestLen, bestQ)) {
                bestG = d.g;
                bestLen = d.textBytes;
                bestQ = d.quality;
            }
        }
        return bestG;
    }

    static String idOf(long g, DocStore docs, DocStore.Doc d) throws IOException {
        docs.read(g, d);
        String id = docs.id(d);
        return id != null ? id : "#" + g;
    }

    static int shardOf(long[] starts, long local) {
        int s = Arrays.binarySearch(starts, local);
        if (s < 0) s = -s - 2;
        while (s + 1 < starts.length && starts[s + 1] == local) s++;
        return s;
    }

    /** Sorted (document, kept document) pairs of this batch's clustered documents. */
    private static void writeMembership(LongArrayList m, Path file) throws IOException {
        int n = m.size() / 2;
        long[][] rows = new long[n][];
        for (int i = 0; i < n; i++) rows[i] = new long[] {m.getLong(2 * i), m.getLong(2 * i + 1)};
        Arrays.sort(rows, (a, b) -> Long.compare(a[0], b[0]));
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            for (long[] r : rows) {
                o.writeLong(r[0]);
                o.writeLong(r[1]);
            }
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void writePairs(long[] pairs, float[] sim, Path file, DocStore docs) throws IOException {
        DocStore.Doc d = new DocStore.Doc();
        try (ReportWriter w = new ReportWriter(file)) {
            w.line("doc_id_a\tdoc_id_b\tsimilarity\taccepted");
            for (int i = 0; i < sim.length; i++) {
                String a = idOf(pairs[2 * i + 1], docs, d);
                String b = idOf(pairs[2 * i], docs, d);
                w.line(a + "\t" + b + "\t" + (Float.isNaN(sim[i]) ? "" : String.format(java.util.Locale.ROOT, "%.6f", sim[i]))
                        + "\t" + (accepts(sim[i]) ? 1 : 0));
            }
        }
    }

    /** A zstd text report written to a temp name and published on close. */
    static final class ReportWriter implements AutoCloseable {
        private final Path target;
        private final Path tmp;
        private final Writer w;

        ReportWriter(Path target) throws IOException {
            this.target = target;
            this.tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            OutputStream os = Compression.ZSTD.encode(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), -1);
            this.w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        }

        void line(String s) throws IOException {
            w.write(s);
            w.write('\n');
        }

        void cluster(long kept, String keptId, boolean earlier, LongArrayList members, DocStore docs, DocStore.Doc d) throws IOException {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cluster", kept);
            m.put("kept_id", keptId);
            m.put("kept_in_earlier_batch", earlier);
            m.put("size", members.size());
            List<String> ids = new java.util.ArrayList<>(members.size());
            for (int i = 0; i < members.size(); i++) ids.add(idOf(members.getLong(i), docs, d));
            m.put("members", ids);
            line(io.winnow.core.util.AtomicFiles.json().writer()
                    .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        }

        @Override
        public void close() throws IOException {
            w.close();
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
