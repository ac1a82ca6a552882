package io.winnow.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * One unit of work of the ingest stage, run by one worker and written to one set of output shards:
 * a WARC/WET file, a JSONL dump, an archive, or a batch of loose files from a directory tree.
 *
 * @param kind  what the input is
 * @param path  the input file; for {@link Kind#FILES}, the directory (or file) they were found under
 * @param files the loose files of a {@link Kind#FILES} task, in order; empty otherwise
 * @param bytes total size in bytes
 */
public record IngestTask(Kind kind, Path path, List<Path> files, long bytes) {
    public enum Kind { WARC, JSONL, ARCHIVE, FILES }

    public IngestTask {
        files = List.copyOf(files);
    }
}
