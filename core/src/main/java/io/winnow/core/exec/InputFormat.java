package io.winnow.core.exec;

import io.winnow.core.shard.BadRecord;
import io.winnow.core.shard.ShardReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How the executor turns one stage input into documents. The default reads Winnow shards; a stage
 * over raw inputs (WARC files, archives, document trees) gives its own, keeping the executor's
 * output layout, completion markers and resume semantics.
 */
public interface InputFormat {
    /** Winnow shards: {@code .jsonl}, {@code .jsonl.gz}, {@code .jsonl.zst}. */
    InputFormat SHARDS = (index, input, maxRecordBytes, onBadRecord) -> new ShardReader(input, maxRecordBytes, onBadRecord);

    /**
     * Opens input {@code index} of the job.
     *
     * @param maxRecordBytes largest record the source should hold in memory
     * @param onBadRecord    receives every record that cannot be read; may throw to stop the run
     */
    DocumentSource open(int index, Path input, int maxRecordBytes, Consumer<BadRecord> onBadRecord) throws IOException;

    /** Size of input {@code index} in bytes: progress, stats and the run's identity. */
    default long size(int index, Path input) throws IOException {
        return Files.size(input);
    }
}
