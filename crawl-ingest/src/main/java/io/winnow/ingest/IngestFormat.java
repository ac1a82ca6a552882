package io.winnow.ingest;

import io.winnow.core.exec.DocumentSource;
import io.winnow.core.exec.InputFormat;
import io.winnow.core.shard.BadRecord;
import io.winnow.ingest.jsonl.JsonlDumpSource;
import io.winnow.ingest.tree.ArchiveSource;
import io.winnow.ingest.tree.FilesSource;
import io.winnow.ingest.warc.WarcSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Opens the source that reads an ingest task: the executor's view of raw inputs. */
final class IngestFormat implements InputFormat {
    private final List<IngestTask> tasks;
    private final IngestSettings settings;

    IngestFormat(List<IngestTask> tasks, IngestSettings settings) {
        this.tasks = tasks;
        this.settings = settings;
    }

    @Override
    public DocumentSource open(int index, Path input, int maxRecordBytes, Consumer<BadRecord> onBadRecord) throws IOException {
        IngestTask t = tasks.get(index);
        return switch (t.kind()) {
            case WARC -> new WarcSource(t.path(), settings, onBadRecord);
            case JSONL -> new JsonlDumpSource(t.path(), settings, maxRecordBytes, onBadRecord);
            case ARCHIVE -> new ArchiveSource(t.path(), settings, onBadRecord);
            case FILES -> new FilesSource(t.path(), t.files(), settings, onBadRecord);
        };
    }

    @Override
    public long size(int index, Path input) {
        return tasks.get(index).bytes();
    }
}
