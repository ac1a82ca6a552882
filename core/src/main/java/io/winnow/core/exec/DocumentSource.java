package io.winnow.core.exec;

import io.winnow.core.doc.Document;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/**
 * The documents of one stage input, read in order. {@link io.winnow.core.shard.ShardReader} is the
 * source for Winnow shards; stages that read raw formats (WARC, archives) supply their own through
 * {@link InputFormat}. Unreadable records go to the bad-record handler given at open time.
 */
public interface DocumentSource extends Closeable {
    /** The next document, or null at the end of the input. */
    Document next() throws IOException;

    /** Documents returned so far. */
    long documents();

    /** Records handed to the bad-record handler so far. */
    long badRecords();

    /** Bytes of the input consumed so far, in the unit of {@link InputFormat#size} (for progress). */
    long bytesRead();

    /**
     * Named counts this source keeps besides documents and bad records (records skipped by type or
     * status, say). They are written to the shard's completion marker and summed into stats.json.
     */
    default Map<String, Long> counters() {
        return Map.of();
    }
}
