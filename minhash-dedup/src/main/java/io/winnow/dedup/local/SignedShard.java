package io.winnow.dedup.local;

import io.winnow.core.util.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * What the signature pass keeps of one input shard, in four files named after the shard's
 * position ({@code part-00003.*}):
 * <ul>
 * <li>{@code .docs}: one fixed {@value #RECORD}-byte record per document (id offset and length,
 *     text bytes, quality, offset and length of its set, flags);
 * <li>{@code .ids}: the document ids, UTF-8;
 * <li>{@code .sets}: per document, what verification compares: its sorted 32-bit shingle hashes,
 *     or its signature truncated to 32 bits (ints);
 * <li>{@code .bands}: per document, one 64-bit bucket key per band.
 * </ul>
 * The files appear under their final names only on {@link #commit}, followed by the
 * {@code part-00003.json} marker, so a shard is either complete or redone.
 */
final class SignedShard implements Closeable {
    static final int RECORD = 40;
    static final int HAS_SIGNATURE = 1;
    static final List<String> EXTENSIONS = List.of(".docs", ".ids", ".sets", ".bands");

    private final Path dir;
    private final String prefix;
    private final DataOutputStream docs, ids, sets, bands;
    private long idBytes;
    private long setInts;
    private long count;

    SignedShard(Path dir, String prefix) throws IOException {
        this.dir = dir;
        this.prefix = prefix;
        Files.createDirectories(dir);
        docs = open(".docs");
        ids = open(".ids");
        sets = open(".sets");
        bands = open(".bands");
    }

    static Path marker(Path dir, String prefix) {
        return dir.resolve(prefix + ".json");
    }

    static Path file(Path dir, String prefix, String ext) {
        return dir.resolve(prefix + ext);
    }

    private DataOutputStream open(String ext) throws IOException {
        Path tmp = dir.resolve("." + prefix + ext + ".tmp");
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16));
    }

    /** Adds the next document; {@code bandKeys} null means it has no signature (no shingles). */
    void add(String id, int textBytes, double quality, int[] set, int setLen, long[] bandKeys, int numBands) throws IOException {
        byte[] idb = id == null ? null : id.getBytes(StandardCharsets.UTF_8);
        docs.writeLong(idBytes);
        docs.writeInt(idb == null ? -1 : idb.length);
        docs.writeInt(textBytes);
        docs.writeDouble(quality);
        docs.writeLong(setInts);
        docs.writeInt(setLen);
        docs.writeInt(bandKeys == null ? 0 : HAS_SIGNATURE);
        if (idb != null) {
            ids.write(idb);
            idBytes += idb.length;
        }
        for (int i = 0; i < setLen; i++) sets.writeInt(set[i]);
        setInts += setLen;
        for (int i = 0; i < numBands; i++) bands.writeLong(bandKeys == null ? 0 : bandKeys[i]);
        count++;
    }

    long count() { return count; }

    /** Publishes the four files, then the marker with {@code summary}. */
    void commit(Map<String, Object> summary) throws IOException {
        for (DataOutputStream s : List.of(docs, ids, sets, bands)) s.close();
        for (String ext : EXTENSIONS) {
            Files.move(dir.resolve("." + prefix + ext + ".tmp"), file(dir, prefix, ext),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        AtomicFiles.writeJson(marker(dir, prefix), summary);
    }

    @Override
    public void close() throws IOException {
        for (DataOutputStream s : List.of(docs, ids, sets, bands)) {
            try {
                s.close();
            } catch (IOException ignored) {
                // abandoned attempt
            }
        }
        for (String ext : EXTENSIONS) Files.deleteIfExists(dir.resolve("." + prefix + ext + ".tmp"));
    }
}
