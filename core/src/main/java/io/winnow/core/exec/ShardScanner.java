package io.winnow.core.exec;

import io.winnow.core.doc.Document;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.ShardReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads shards in parallel without writing anything: the first pass of stages with a global
 * decision (exact dedup, span counts, MinHash buckets). Bad records are skipped silently here; the
 * pass that writes output reads the same shards and reports them.
 */
public final class ShardScanner {
    /** Called for every document, with the shard's position in the list and the document's ordinal in its shard. */
    @FunctionalInterface
    public interface Visitor {
        void visit(int shard, long ordinal, Document doc) throws IOException;
    }

    private ShardScanner() {}

    public static void scan(String label, List<Path> shards, RunOptions options, Visitor visitor)
            throws IOException, StageFailedException {
        long total = 0;
        for (Path p : shards) total += Files.size(p);
        try (Progress progress = new Progress(label, options.progress(), total, shards.size(), System.err).start()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.workers(), shards.size())), r -> {
                Thread t = new Thread(r, "winnow-scan");
                t.setDaemon(true);
                return t;
            });
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < shards.size(); i++) {
                int shard = i;
                futures.add(pool.submit(() -> {
                    long ordinal = 0;
                    long last = 0;
                    try (ShardReader r = new ShardReader(shards.get(shard), options.maxRecordBytes(), bad -> { })) {
                        Document d;
                        while ((d = r.next()) != null) {
                            visitor.visit(shard, ordinal++, d);
                            if ((ordinal & 1023) == 0) {
                                progress.addDocs(1024);
                                progress.addBytes(r.fileBytesRead() - last);
                                last = r.fileBytesRead();
                            }
                        }
                        progress.addDocs(ordinal & 1023);
                        progress.addBytes(Files.size(shards.get(shard)) - last);
                        progress.shardDone();
                    }
                    return null;
                }));
            }
            pool.shutdown();
            try {
                for (int k = 0; k < futures.size(); k++) {
                    try {
                        futures.get(k).get();
                    } catch (ExecutionException e) {
                        pool.shutdownNow();
                        Throwable c = e.getCause();
                        throw new StageFailedException(label + ": failed on " + shards.get(k) + ": "
                                + (c.getMessage() == null ? c.toString() : c.getMessage()), c);
                    }
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                throw new StageFailedException(label + ": interrupted", e);
            }
        }
    }
}
