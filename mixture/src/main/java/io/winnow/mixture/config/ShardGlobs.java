package io.winnow.mixture.config;

import io.winnow.core.shard.Compression;
import io.winnow.core.shard.ShardFiles;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands a source's {@code paths}: a shard file, a directory (every shard below it, as
 * {@link ShardFiles#list} does) or a glob ({@code build/clean/kept/*.jsonl.zst}, {@code data/**}/en-*.jsonl.gz).
 * Paths stay as written (relative paths are not made absolute), so the same config names the same shards on
 * every checkout. Hidden ({@code .x}) and bookkeeping ({@code _x}) files are skipped.
 */
public final class ShardGlobs {
    private ShardGlobs() {}

    public static boolean isGlob(String p) {
        return p.indexOf('*') >= 0 || p.indexOf('?') >= 0 || p.indexOf('[') >= 0 || p.indexOf('{') >= 0;
    }

    /** Shards named by one entry, sorted by path; an entry that names nothing is an IOException. */
    public static List<Path> expand(String entry) throws IOException {
        if (!isGlob(entry)) return ShardFiles.list(List.of(Path.of(entry)));
        // the directory part before the first glob character is where the walk starts
        int firstGlob = firstGlobChar(entry);
        int slash = entry.lastIndexOf('/', firstGlob);
        Path base = slash < 0 ? Path.of("") : Path.of(slash == 0 ? "/" : entry.substring(0, slash));
        String pattern = slash < 0 ? entry : entry.substring(slash + 1);
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        Path walkFrom = base.toString().isEmpty() ? Path.of(".") : base;
        if (!Files.isDirectory(walkFrom)) throw new IOException(entry + ": directory " + walkFrom + " does not exist");
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(walkFrom)) {
            s.filter(Files::isRegularFile).forEach(f -> {
                Path rel = walkFrom.relativize(f);
                if (hidden(rel) || Compression.of(f) == null || !m.matches(rel)) return;
                found.add(base.toString().isEmpty() ? rel : base.resolve(rel));
            });
        }
        if (found.isEmpty()) throw new IOException(entry + ": matches no shard (.jsonl, .jsonl.gz, .jsonl.zst)");
        found.sort(null);
        return found;
    }

    private static int firstGlobChar(String p) {
        int best = p.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int i = p.indexOf(c);
            if (i >= 0) best = Math.min(best, i);
        }
        return best;
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) {
            String n = part.toString();
            if (n.startsWith(".") || n.startsWith("_")) return true;
        }
        return false;
    }
}
