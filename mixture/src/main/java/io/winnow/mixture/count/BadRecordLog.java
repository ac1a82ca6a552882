package io.winnow.mixture.count;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.winnow.core.shard.BadRecord;
import io.winnow.core.shard.ShardWriter;
import io.winnow.core.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Unreadable input records of one shard, kept as JSON lines ({@code OUT/bad-records/part-NNNNN.jsonl}); the file exists only if there was one. */
final class BadRecordLog {
    private static final ObjectMapper JSON = AtomicFiles.json().copy().disable(SerializationFeature.INDENT_OUTPUT);
    private final Path target;
    private ShardWriter writer;

    BadRecordLog(Path target) throws IOException {
        this.target = target;
        Files.deleteIfExists(target); // a previous attempt of this shard
    }

    void write(BadRecord r) throws IOException {
        if (writer == null) writer = new ShardWriter(target, -1);
        writer.writeLine(JSON.writeValueAsBytes(r.toMap()));
    }

    void commit() throws IOException {
        if (writer != null) writer.commit();
    }

    void abort() throws IOException {
        if (writer != null) writer.abort();
    }
}
