package io.winnow.ingest.tree;

import io.winnow.core.doc.Document;
import io.winnow.core.shard.BadRecord;
import io.winnow.ingest.IngestMetadata;
import io.winnow.ingest.IngestSettings;
import io.winnow.ingest.Payload;
import io.winnow.ingest.Payloads;
import io.winnow.ingest.SourceBase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Loose files of a directory tree (HTML, PDF, DOCX, ODT, EPUB, Markdown, text...), one document
 * each; the extract step detects the type with Tika. Ids are {@code source/relative/path}.
 */
public final class FilesSource extends SourceBase {
    private final Path root;
    private final List<Path> files;
    private final String source;
    private final long maxBytes;
    private int next;
    private long bytesRead;

    public FilesSource(Path root, List<Path> files, IngestSettings settings, Consumer<BadRecord> onBadRecord) {
        super(root, onBadRecord);
        this.root = Files.isDirectory(root) ? root : root.getParent();
        this.files = files;
        this.maxBytes = settings.limits.maxBytes;
        this.source = settings.source != null ? settings.source
                : Files.isDirectory(root) ? root.toAbsolutePath().normalize().getFileName().toString() : "files";
    }

    @Override
    public long bytesRead() { return bytesRead; }

    @Override
    public Document next() {
        while (next < files.size()) {
            Path f = files.get(next++);
            String rel = relative(f);
            Payloads.Bounded b;
            try {
                long size = Files.size(f);
                if (size > maxBytes) {
                    b = new Payloads.Bounded(new byte[0], size, true);
                } else {
                    try (InputStream in = Files.newInputStream(f)) {
                        b = Payloads.read(in, maxBytes);
                    }
                }
                bytesRead += size;
            } catch (IOException e) {
                bad(f, "file", next, 0, "cannot read file: " + message(e), new byte[0], false);
                continue;
            }
            Document d = new Document();
            d.id(source + "/" + rel);
            d.source(source);
            d.metadata().put(IngestMetadata.PATH, rel);
            d.metadata().put(IngestMetadata.RAW_BYTES, b.length());
            new Payload(b.bytes(), null, f.getFileName().toString(), b.length(), b.oversized()).attach(d);
            documentReturned();
            return d;
        }
        return null;
    }

    private String relative(Path f) {
        Path r = root == null ? f.getFileName() : root.relativize(f);
        return r.toString().replace('\\', '/');
    }

    @Override
    public void close() {}
}
