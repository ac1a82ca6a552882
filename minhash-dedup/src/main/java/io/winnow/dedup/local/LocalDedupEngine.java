package io.winnow.dedup.local;

import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageLayout;
import io.winnow.core.exec.StageResult;
import io.winnow.core.shard.ShardFiles;
import io.winnow.core.util.AtomicFiles;
import io.winnow.dedup.DedupEngine;
import io.winnow.dedup.DedupJob;
import io.winnow.dedup.DedupPlan;
import io.winnow.dedup.DedupSettings;
import io.winnow.dedup.output.DedupOutput;
import io.winnow.dedup.output.DedupStats;
import io.winnow.dedup.verify.VerifyMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Near-dup removal on one machine, in four passes over a persistent {@link DedupIndex}:
 * <ol>
 * <li>signatures: shingles → MinHash → band keys per document (parallel per shard, resumable per shard);
 * <li>buckets: band keys into the Chronicle Map buckets;
 * <li>clusters: candidate pairs → verification → union-find → kept document per cluster → verdicts;
 * <li>output: the verdicts applied to every shard ({@code kept/}, {@code rejected/}, resumable per shard).
 * </ol>
 * Without {@code --index} the index lives in {@code OUT/_winnow/index}, serves this run only and is
 * deleted once the verdicts are written.
 * Memory: the shingles of one document per worker, the candidate pairs of the batch and the
 * union-find of the documents that have a duplicate; buckets and per-document data live in files.
 */
public final class LocalDedupEngine implements DedupEngine {
    private static final Logger LOG = LoggerFactory.getLogger(LocalDedupEngine.class);

    @Override
    public String name() { return "local"; }

    static String prefix(int shard) {
        return StageLayout.taskPrefix(shard);
    }

    @Override
    public StageResult run(DedupJob job) throws IOException, StageFailedException {
        long t0 = System.nanoTime();
        job = DedupOutput.prepare(job);
        DedupPlan plan = job.plan();
        DedupSettings s = job.settings();
        Path out = job.output();
        Path book = DedupOutput.book(out);
        Files.createDirectories(book);
        boolean shared = s.index != null;
        Path indexDir = shared ? Path.of(s.index) : book.resolve("index");
        Path clusterDone = book.resolve("clusters.done");
        Path membership = book.resolve("clusters.bin");
        DedupStats stats = new DedupStats();
        stats.engine = name();
        stats.plan = plan.describe();

        // a private index is deleted once the verdicts exist: the output pass needs only them
        if (shared || !Files.exists(clusterDone)) clusters(job, indexDir, shared, clusterDone, membership, stats);
        if (!shared) DedupOutput.deleteTree(indexDir);
        LOG.info("{}: clusters done; writing kept and rejected documents", job.stage());
        StageResult r = DedupOutput.apply(job);
        double secs = (System.nanoTime() - t0) / 1e9;
        DedupOutput.mergeStats(out, secs);
        return new StageResult(r.output(), r.shards(), r.resumedShards(), r.docsIn(), r.docsKept(), r.docsRejected(),
                r.badRecords(), secs);
    }

    /** Passes 1-3 against the index: signatures, buckets, clusters; commits the batch. */
    private void clusters(DedupJob job, Path indexDir, boolean shared, Path clusterDone, Path membership, DedupStats stats)
            throws IOException, StageFailedException {
        DedupPlan plan = job.plan();
        DedupSettings s = job.settings();
        Path out = job.output();
        try (DedupIndex index = DedupIndex.open(indexDir, plan, s.indexCapacity)) {
            DedupIndex.Batch batch = index.batch(ShardFiles.batchKey(job.shards()));
            if (batch.shardDocs != null && batch.shardDocs.length != job.shards().size()) {
                throw new IOException(indexDir + ": batch " + batch.ordinal + " has " + batch.shardDocs.length
                        + " shards, this input " + job.shards().size());
            }
            if (plan.verify() != VerifyMethod.NONE && !index.setsKind().equals(plan.setsKind())) {
                throw new IOException(indexDir + ": this index keeps no " + plan.setsKind() + " for verification");
            }
            if (!batch.atLeast("signed")) {
                long t = System.nanoTime();
                long[] shardDocs = SignaturePass.run(job.stage() + " signatures", plan, index.setsKind(), job.shards(), batch.dir, job.options());
                index.signed(batch, shardDocs);
                stats.seconds.put("signatures", (System.nanoTime() - t) / 1e9);
            }
            readSignatureTotals(batch, stats);
            // A private index is sized from this batch; a shared one for its capacity (default one million documents).
            long capacity = index.capacity() > 0 ? index.capacity()
                    : shared ? Math.max(1_000_000L, 2 * (batch.base + batch.docs())) : batch.base + batch.docs();
            BucketMap buckets = index.buckets(capacity * plan.layout().bands());
            if (!batch.atLeast("bucketed")) {
                long t = System.nanoTime();
                BucketPass.run(job.stage() + " buckets", batch, buckets, plan.layout().bands(), job.options());
                index.state(batch, "bucketed");
                stats.seconds.put("buckets", (System.nanoTime() - t) / 1e9);
            }
            stats.buckets = buckets.size();
            stats.index.put("dir", indexDir.toAbsolutePath().normalize().toString());
            stats.index.put("shared", shared);
            stats.index.put("batch", batch.ordinal);
            stats.index.put("first_doc", batch.base);
            stats.index.put("earlier_docs", batch.base);
            if (!Files.exists(clusterDone)) {
                long t = System.nanoTime();
                new ClusterPass(job.stage(), plan, index, batch, buckets, job.options(), out, s.writeClusters, s.writePairs, stats)
                        .run(membership);
                stats.seconds.put("clusters", (System.nanoTime() - t) / 1e9);
                AtomicFiles.writeJson(DedupOutput.dedupStats(out), stats.toMap(plan.verify() != VerifyMethod.NONE));
                AtomicFiles.writeJson(clusterDone, java.util.Map.of("batch", batch.ordinal));
            }
            if (!batch.atLeast("committed")) index.commit(batch, membership);
        }
    }

    private static void readSignatureTotals(DedupIndex.Batch batch, DedupStats stats) throws IOException {
        for (int i = 0; i < batch.shardDocs.length; i++) {
            var m = AtomicFiles.json().readTree(SignedShard.marker(batch.dir, prefix(i)).toFile());
            stats.docs += m.path("docs").asLong();
            stats.noShingles += m.path("no_shingles").asLong();
            stats.shingles += m.path("shingles").asLong();
        }
    }
}
