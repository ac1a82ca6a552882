package io.winnow.core.shard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Expands input paths (files or directory trees) into the sorted list of shards to read. */
public final class ShardFiles {
    private ShardFiles() {}

    /**
     * Every shard under the given paths, in a stable order: each argument in turn, its shards sorted
     * by path. Hidden files and directories ({@code .x}) and bookkeeping directories ({@code _x}) are
     * skipped, so a stage output directory can be passed as input.
     */
    public static List<Path> list(List<Path> inputs) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : inputs) {
            if (!Files.exists(p)) throw new NoSuchFileException(p.toString(), null, "input does not exist");
            if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> !hiddenBelow(p, f))
                            .filter(f -> Compression.of(f) != null)
                            .forEach(found::add);
                }
                found.sort(Comparator.comparing(Path::toString));
                if (found.isEmpty()) {
                    throw new IOException(p + ": no shards found (.jsonl, .jsonl.gz, .jsonl.zst)");
                }
                out.addAll(found);
            } else {
                if (Compression.of(p) == null) {
                    throw new IOException(p + ": not a shard (expected .jsonl, .jsonl.gz or .jsonl.zst)");
                }
                out.add(p);
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean hiddenBelow(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            String n = part.toString();
            if (n.startsWith(".") || n.startsWith("_")) return true;
        }
        return false;
    }

    /**
     * Identifies a batch of input shards by their absolute paths and sizes: persistent indexes (exact dedup,
     * MinHash) record which batches they hold, so a re-run of the same batch is recognised and not counted twice.
     */
    public static String batchKey(List<Path> shards) throws IOException {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (Path p : shards) {
                md.update(p.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Long.toString(Files.size(p)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
