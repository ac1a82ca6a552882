package io.winnow.core.exec;

import io.winnow.core.doc.Document;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.ShardReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
            ParallelTasks.run(label, shards.size(), options.workers(), k -> shards.get(k).toString(), shard -> {
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
            });
        }
    }
}
