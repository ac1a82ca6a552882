package io.winnow.ingest.tree;

import io.winnow.core.doc.Document;
import io.winnow.core.shard.BadRecord;
import io.winnow.core.util.CountingInputStream;
import io.winnow.ingest.IngestMetadata;
import io.winnow.ingest.IngestSettings;
import io.winnow.ingest.Payload;
import io.winnow.ingest.Payloads;
import io.winnow.ingest.SourceBase;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The files inside a {@code .tar}, {@code .tar.gz}/{@code .tgz}, {@code .tar.zst} or {@code .zip}
 * (Commons Compress), one document each, ids {@code archive-name/entry/path}. A damaged entry is a
 * bad record naming the archive, the entry number and its offset; a tar stream ends at the damage,
 * a zip goes on with the next entry (its directory is at the end of the file).
 */
public final class ArchiveSource extends SourceBase {
    private final String source;
    private final String prefix;
    private final long maxBytes;
    private final boolean zip;
    private CountingInputStream counted;
    private TarArchiveInputStream tar;
    private ZipFile zipFile;
    private Enumeration<ZipArchiveEntry> zipEntries;
    private long entry;
    private long zipBytes;
    private boolean done;

    public ArchiveSource(Path file, IngestSettings settings, Consumer<BadRecord> onBadRecord) throws IOException {
        super(file, onBadRecord);
        this.maxBytes = settings.limits.maxBytes;
        this.prefix = baseName(file);
        this.source = settings.source != null ? settings.source : prefix;
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        this.zip = n.endsWith(".zip");
        try {
            if (zip) {
                zipFile = ZipFile.builder().setPath(file).get();
                zipEntries = zipFile.getEntriesInPhysicalOrder();
            } else {
                counted = new CountingInputStream(Files.newInputStream(file));
                InputStream in = new BufferedInputStream(counted, 1 << 16);
                if (n.endsWith(".gz") || n.endsWith(".tgz")) {
                    in = new GzipCompressorInputStream(in, true);
                } else if (n.endsWith(".zst")) {
                    in = new com.github.luben.zstd.ZstdInputStream(in);
                }
                tar = new TarArchiveInputStream(in);
            }
        } catch (IOException | RuntimeException e) {
            bad(file, "entry", 1, 0, "not a readable archive: " + message(e), new byte[0], false);
            done = true;
        }
    }

    @Override
    public long bytesRead() {
        return zip ? zipBytes : counted == null ? 0 : counted.count();
    }

    @Override
    public Document next() {
        while (!done) {
            Document d = zip ? nextZip() : nextTar();
            if (d != null) {
                documentReturned();
                return d;
            }
        }
        return null;
    }

    private Document nextTar() {
        TarArchiveEntry e;
        long at = counted.count();
        try {
            e = tar.getNextEntry();
        } catch (IOException | RuntimeException ex) {
            entry++;
            bad(file, "entry", entry, at, "damaged tar stream: " + message(ex), new byte[0], false);
            done = true;
            return null;
        }
        if (e == null) {
            done = true;
            return null;
        }
        entry++;
        if (!e.isFile()) {
            if (!e.isDirectory()) count("skipped:not_a_file");
            return null;
        }
        try {
            return document(e.getName(), Payloads.read(tar, maxBytes));
        } catch (IOException | RuntimeException ex) {
            bad(file, "entry", entry, at, "damaged entry " + e.getName() + ": " + message(ex), new byte[0], false);
            done = true;
            return null;
        }
    }

    private Document nextZip() {
        if (!zipEntries.hasMoreElements()) {
            done = true;
            return null;
        }
        ZipArchiveEntry e = zipEntries.nextElement();
        entry++;
        if (e.isDirectory() || e.isUnixSymlink()) return null;
        try (InputStream in = zipFile.getInputStream(e)) {
            Payloads.Bounded b = Payloads.read(in, maxBytes);
            zipBytes += Math.max(0, e.getCompressedSize());
            return document(e.getName(), b);
        } catch (IOException | RuntimeException ex) {
            bad(file, "entry", entry, e.getDataOffset(), "damaged entry " + e.getName() + ": " + message(ex), new byte[0], false);
            return null;
        }
    }

    private Document document(String name, Payloads.Bounded b) {
        String entryName = name.startsWith("./") ? name.substring(2) : name;
        Document d = new Document();
        d.id(prefix + "/" + entryName);
        d.source(source);
        d.metadata().put(IngestMetadata.PATH, file.getFileName() + "!" + entryName);
        d.metadata().put(IngestMetadata.RAW_BYTES, b.length());
        int slash = entryName.lastIndexOf('/');
        new Payload(b.bytes(), null, slash < 0 ? entryName : entryName.substring(slash + 1), b.length(), b.oversized()).attach(d);
        return d;
    }

    @Override
    public void close() throws IOException {
        if (tar != null) tar.close();
        if (zipFile != null) zipFile.close();
    }
}
