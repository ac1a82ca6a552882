package io.winnow.tokenizer.train;

import io.winnow.core.shard.Compression;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Expands {@code --input} values (files, directories, globs such as {@code data/*.txt.gz}) and opens them. */
public final class InputFiles {
    private InputFiles() {}

    public static List<Path> expand(List<String> inputs) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (String spec : inputs) {
            for (String one : spec.split(",")) {
                if (one.isBlank()) continue;
                if (one.contains("*") || one.contains("?") || one.contains("[")) {
                    out.addAll(glob(one));
                    continue;
                }
                Path p = Path.of(one);
                if (!Files.exists(p)) throw new NoSuchFileException(one, null, "input does not exist");
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.walk(p)) {
                        s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                                .sorted().forEach(out::add);
                    }
                } else {
                    out.add(p);
                }
            }
        }
        if (out.isEmpty()) throw new IOException("no input files match " + inputs);
        return new ArrayList<>(out);
    }

    private static List<Path> glob(String pattern) throws IOException {
        Path abs = Path.of(pattern.replaceAll("[*?\\[].*$", "x")).toAbsolutePath();
        Path base = abs.getParent();
        while (base != null && !Files.isDirectory(base)) base = base.getParent();
        if (base == null) throw new NoSuchFileException(pattern, null, "no directory for this glob");
        String full = base.resolve(Path.of(pattern).toAbsolutePath().toString().substring(base.toString().length() + 1)).toString();
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + full);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(base)) {
            s.filter(Files::isRegularFile).filter(m::matches).sorted().forEach(found::add);
        }
        if (found.isEmpty()) throw new NoSuchFileException(pattern, null, "glob matches no file");
        return found;
    }

    /** Opens a file, decompressing {@code .gz} and {@code .zst}/{@code .zstd} by name. */
    public static InputStream open(Path file) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        InputStream raw = Files.newInputStream(file);
        if (!isCompressed(file)) return raw;
        if (n.endsWith(".gz")) return Compression.GZIP.decode(raw);
        if (n.endsWith(".zst") || n.endsWith(".zstd")) return Compression.ZSTD.decode(raw);
        return raw;
    }

    /** True if {@link #open} decompresses this file. */
    public static boolean isCompressed(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".gz") || n.endsWith(".zst") || n.endsWith(".zstd");
    }

    /** jsonl when the name says so, else plain text. */
    public static boolean looksLikeJsonl(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.matches(".*\\.jsonl?(\\.gz|\\.zst|\\.zstd)?$");
    }
}
