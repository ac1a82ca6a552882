package io.winnow.dedup.local;

import io.winnow.core.doc.Document;
import io.winnow.core.exec.ParallelTasks;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.ShardReader;
import io.winnow.core.util.AtomicFiles;
import io.winnow.dedup.DedupPlan;
import io.winnow.dedup.DocSigner.Signed;
import io.winnow.dedup.DocSigner;
import io.winnow.dedup.minhash.MinHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pass 1: shingles, MinHash signature and band keys of every document, written per input shard
 * into the index ({@link SignedShard}). Readers (one per shard being signed, up to {@code workers}
 * at a time) parse documents and hand blocks of them to a pool of {@code workers} threads, then
 * write the results in input order; so one big shard uses every core as well as many small ones
 * do. A shard whose marker exists is not redone: a killed run resumes shard by shard.
 */
final class SignaturePass {
    private static final int BLOCK = 256;

    private SignaturePass() {}

    /** Signs every shard not signed yet; returns the document count of every shard. */
    static long[] run(String label, DedupPlan plan, String setsKind, List<Path> shards, Path batchDir, RunOptions options)
            throws IOException, StageFailedException {
        long todoBytes = 0;
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            if (!Files.exists(SignedShard.marker(batchDir, LocalDedupEngine.prefix(i)))) {
                todoBytes += Files.size(shards.get(i));
                todo.add(i);
            }
        }
        MinHasher hasher = plan.minHasher();
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread t = new Thread(r, "winnow-minhash");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<DocSigner> workers = ThreadLocal.withInitial(() -> new DocSigner(plan, setsKind, hasher));
        try (Progress progress = new Progress(label, options.progress(), todoBytes, todo.size(), System.err).start()) {
            ParallelTasks.run(label, todo.size(), Math.min(options.workers(), todo.size()), k -> shards.get(todo.get(k)).toString(), k -> {
                int i = todo.get(k);
                signShard(plan, setsKind, hasher, pool, workers, shards.get(i), batchDir, LocalDedupEngine.prefix(i), options, progress);
                progress.shardDone();
            });
        } finally {
            pool.shutdownNow();
        }
        long[] docs = new long[shards.size()];
        for (int i = 0; i < shards.size(); i++) {
            docs[i] = AtomicFiles.json().readTree(SignedShard.marker(batchDir, LocalDedupEngine.prefix(i)).toFile()).get("docs").asLong();
        }
        return docs;
    }

    private static void signShard(DedupPlan plan, String setsKind, MinHasher hasher, ExecutorService pool, ThreadLocal<DocSigner> workers,
                                  Path shard, Path dir, String prefix, RunOptions options, Progress progress)
            throws IOException, InterruptedException, ExecutionException {
        long t0 = System.nanoTime();
        int bands = plan.layout().bands();
        long[] totals = new long[3]; // docs, no shingles, shingles
        ArrayDeque<Future<Signed[]>> inFlight = new ArrayDeque<>();
        int maxInFlight = 2 * options.workers();
        long lastBytes = 0;
        try (ShardReader reader = new ShardReader(shard, options.maxRecordBytes(), bad -> { });
             SignedShard out = new SignedShard(dir, prefix)) {
            List<Document> block = new ArrayList<>(BLOCK);
            Document d;
            while (true) {
                d = reader.next();
                if (d != null) block.add(d);
                if (block.size() == BLOCK || (d == null && !block.isEmpty())) {
                    List<Document> docs = block;
                    inFlight.add(pool.submit(() -> signBlock(docs, workers.get())));
                    block = new ArrayList<>(BLOCK);
                    while (inFlight.size() >= maxInFlight) write(inFlight.poll().get(), out, bands, totals, progress);
                    long b = reader.fileBytesRead();
                    progress.addBytes(b - lastBytes);
                    lastBytes = b;
                }
                if (d == null) break;
            }
            while (!inFlight.isEmpty()) write(inFlight.poll().get(), out, bands, totals, progress);
            progress.addBytes(Files.size(shard) - lastBytes);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("input", shard.toString());
            summary.put("docs", totals[0]);
            summary.put("no_shingles", totals[1]);
            summary.put("shingles", totals[2]);
            summary.put("seconds", (System.nanoTime() - t0) / 1e9);
            out.commit(summary);
        } finally {
            for (Future<Signed[]> f : inFlight) f.cancel(true);
        }
    }

    private static void write(Signed[] block, SignedShard out, int bands, long[] totals, Progress progress) throws IOException {
        for (Signed s : block) {
            int[] set = s.set() == null ? new int[0] : s.set();
            out.add(s.id(), s.textBytes(), s.quality(), set, set.length, s.keys(), bands);
            totals[0]++;
            if (s.keys() == null) totals[1]++;
            totals[2] += s.shingles();
        }
        progress.addDocs(block.length);
    }

    private static Signed[] signBlock(List<Document> docs, DocSigner signer) {
        Signed[] out = new Signed[docs.size()];
        for (int k = 0; k < docs.size(); k++) out[k] = signer.sign(docs.get(k));
        return out;
    }
}
