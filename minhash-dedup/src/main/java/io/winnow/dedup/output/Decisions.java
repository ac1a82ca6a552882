package io.winnow.dedup.output;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * The dedup verdicts of one input shard, for the documents that are in a cluster of two or more
 * (every other document is kept with cluster size 1). Sorted by position in the shard. Stored
 * as {@code part-00003.bin}; both engines write the same files and the same output pass reads them.
 */
public final class Decisions {
    public static final byte REMOVED = 1;
    public static final byte KEPT = 2;

    private long[] ordinals = new long[16];
    private byte[] kinds = new byte[16];
    private long[] clusters = new long[16];
    private int[] sizes = new int[16];
    private String[] keptIds = new String[16];
    private int n;

    public int size() { return n; }

    public long ordinal(int i) { return ordinals[i]; }

    public byte kind(int i) { return kinds[i]; }

    public long cluster(int i) { return clusters[i]; }

    /** Cluster size (kept documents) or 0. */
    public int clusterSize(int i) { return sizes[i]; }

    /** Id of the kept document (removed documents) or null. */
    public String keptId(int i) { return keptIds[i]; }

    /** Adds a verdict; call in increasing ordinal order or {@link #sort} before writing. */
    public void add(long ordinal, byte kind, long cluster, int size, String keptId) {
        if (n == ordinals.length) {
            int c = n * 2;
            ordinals = Arrays.copyOf(ordinals, c);
            kinds = Arrays.copyOf(kinds, c);
            clusters = Arrays.copyOf(clusters, c);
            sizes = Arrays.copyOf(sizes, c);
            keptIds = Arrays.copyOf(keptIds, c);
        }
        ordinals[n] = ordinal;
        kinds[n] = kind;
        clusters[n] = cluster;
        sizes[n] = size;
        keptIds[n] = keptId;
        n++;
    }

    /** Sorts the verdicts by ordinal. */
    public void sort() {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> Long.compare(ordinals[a], ordinals[b]));
        Decisions d = new Decisions();
        for (int i : idx) d.add(ordinals[i], kinds[i], clusters[i], sizes[i], keptIds[i]);
        ordinals = d.ordinals;
        kinds = d.kinds;
        clusters = d.clusters;
        sizes = d.sizes;
        keptIds = d.keptIds;
    }

    public static Path file(Path dir, int shard) {
        return dir.resolve(String.format("part-%05d.bin", shard));
    }

    /** Writes atomically (temp + rename). */
    public void write(Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeLong(ordinals[i]);
                out.writeByte(kinds[i]);
                out.writeLong(clusters[i]);
                out.writeInt(sizes[i]);
                out.writeBoolean(keptIds[i] != null);
                if (keptIds[i] != null) {
                    byte[] b = keptIds[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.writeInt(b.length);
                    out.write(b);
                }
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a shard's verdicts; a missing file means no document of the shard is in a cluster. */
    public static Decisions read(Path file) throws IOException {
        Decisions d = new Decisions();
        if (!Files.exists(file)) return d;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                long ord = in.readLong();
                byte kind = in.readByte();
                long cluster = in.readLong();
                int size = in.readInt();
                String kept = null;
                if (in.readBoolean()) {
                    byte[] b = new byte[in.readInt()];
                    in.readFully(b);
                    kept = new String(b, java.nio.charset.StandardCharsets.UTF_8);
                }
                d.add(ord, kind, cluster, size, kept);
            }
        } catch (EOFException e) {
            throw new IOException(file + ": truncated decisions file", e);
        }
        return d;
    }
}
