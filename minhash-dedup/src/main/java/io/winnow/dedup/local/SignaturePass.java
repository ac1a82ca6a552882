package io.winnow.dedup.local;

import io.winnow.core.doc.Document;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.ShardReader;
import io.winnow.core.util.AtomicFiles;
import io.winnow.dedup.DedupPlan;
import io.winnow.dedup.lsh.BandLayout;
import io.winnow.dedup.minhash.MinHasher;
import io.winnow.dedup.shingle.LongBuffer;
import io.winnow.dedup.shingle.Shingler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass 1: shingles, MinHash signature and band keys of every document, written per input shard
 * into the index ({@link SignedShard}). Shards run in parallel; a shard whose marker exists is
 * not redone, so a killed run resumes shard by shard.
 */
final class SignaturePass {
    private SignaturePass() {}

    /** Signs every shard not signed yet; returns the document count of every shard. */
    static long[] run(String label, DedupPlan plan, String setsKind, List<Path> shards, Path batchDir, RunOptions options)
            throws IOException, StageFailedException {
        long todoBytes = 0;
        int todo = 0;
        for (int i = 0; i < shards.size(); i++) {
            if (!Files.exists(SignedShard.marker(batchDir, LocalDedupEngine.prefix(i)))) {
                todoBytes += Files.size(shards.get(i));
                todo++;
            }
        }
        MinHasher hasher = plan.minHasher();
        try (Progress progress = new Progress(label, options.progress(), todoBytes, todo, System.err).start()) {
            Parallel.run(label, shards.size(), options.workers(), i -> shards.get(i).toString(), i -> {
                if (Files.exists(SignedShard.marker(batchDir, LocalDedupEngine.prefix(i)))) return;
                signShard(plan, setsKind, hasher, shards.get(i), batchDir, LocalDedupEngine.prefix(i), options, progress);
                progress.shardDone();
            });
        }
        long[] docs = new long[shards.size()];
        for (int i = 0; i < shards.size(); i++) {
            docs[i] = AtomicFiles.json().readTree(SignedShard.marker(batchDir, LocalDedupEngine.prefix(i)).toFile()).get("docs").asLong();
        }
        return docs;
    }

    private static void signShard(DedupPlan plan, String setsKind, MinHasher hasher, Path shard, Path dir, String prefix,
                                  RunOptions options, Progress progress) throws IOException {
        long t0 = System.nanoTime();
        Shingler shingler = plan.shingles().newShingler();
        BandLayout layout = plan.layout();
        LongBuffer buf = new LongBuffer(4096);
        long[] sig = new long[plan.numPerm()];
        long[] keys = new long[layout.bands()];
        int[] set = new int[4096];
        long docs = 0, empty = 0, shingles = 0;
        long lastBytes = 0;
        try (ShardReader reader = new ShardReader(shard, options.maxRecordBytes(), bad -> { });
             SignedShard out = new SignedShard(dir, prefix)) {
            Document d;
            while ((d = reader.next()) != null) {
                int n = shingler.shingle(d.text(), buf);
                double quality = quality(d);
                if (n == 0) {
                    out.add(d.id(), d.textBytes(), quality, set, 0, null, layout.bands());
                    empty++;
                } else {
                    hasher.signature(buf.array(), n, sig);
                    layout.keys(sig, keys);
                    int setLen = 0;
                    if (setsKind.equals("shingles")) {
                        if (set.length < n) set = new int[Math.max(n, set.length * 2)];
                        long[] h = buf.array();
                        for (int k = 0; k < n; k++) set[k] = (int) (h[k] >>> 32);
                        Arrays.sort(set, 0, n);
                        setLen = n > 0 ? 1 : 0;
                        for (int k = 1; k < n; k++) if (set[k] != set[setLen - 1]) set[setLen++] = set[k];
                    } else if (setsKind.equals("signature")) {
                        if (set.length < sig.length) set = new int[sig.length];
                        for (int k = 0; k < sig.length; k++) set[k] = (int) sig[k];
                        setLen = sig.length;
                    }
                    out.add(d.id(), d.textBytes(), quality, set, setLen, keys, layout.bands());
                    shingles += n;
                }
                docs++;
                if ((docs & 1023) == 0) {
                    progress.addDocs(1024);
                    long b = reader.fileBytesRead();
                    progress.addBytes(b - lastBytes);
                    lastBytes = b;
                }
            }
            progress.addDocs(docs & 1023);
            progress.addBytes(Files.size(shard) - lastBytes);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("input", shard.toString());
            summary.put("docs", docs);
            summary.put("no_shingles", empty);
            summary.put("shingles", shingles);
            summary.put("seconds", (System.nanoTime() - t0) / 1e9);
            out.commit(summary);
        }
    }

    static double quality(Document d) {
        Number q = d.hasScores() ? d.scores().get("quality") : null;
        return q == null ? 0 : q.doubleValue();
    }
}
