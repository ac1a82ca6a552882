package io.winnow.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands the {@code --input} paths into ingest tasks, in a stable order: each argument in turn;
 * inside a directory, files sorted by path. Container files (WARC/WET, JSONL, archives) are one
 * task each; loose documents are batched {@code files_per_task} at a time. Hidden files and
 * directories ({@code .x}) and directories named {@code _x} are skipped.
 */
public final class IngestInputs {
    private IngestInputs() {}

    /** The task kind a file name implies. */
    public static IngestTask.Kind kindOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.matches(".*\\.(warc|wet)(\\.gz|\\.zst|\\.zstd)?")) return IngestTask.Kind.WARC;
        if (n.matches(".*\\.(jsonl|ndjson)(\\.gz|\\.zst|\\.zstd)?")) return IngestTask.Kind.JSONL;
        if (n.matches(".*\\.(tar|tar\\.gz|tgz|tar\\.zst|zip)")) return IngestTask.Kind.ARCHIVE;
        return IngestTask.Kind.FILES;
    }

    public static List<IngestTask> plan(List<Path> inputs, int filesPerTask, boolean followLinks) throws IOException {
        List<IngestTask> tasks = new ArrayList<>();
        List<Path> looseArgs = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.exists(p)) throw new NoSuchFileException(p.toString(), null, "input does not exist");
            if (Files.isDirectory(p)) {
                flushLoose(tasks, looseArgs, filesPerTask);
                List<Path> found = new ArrayList<>();
                Set<FileVisitOption> opts = followLinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class);
                try (Stream<Path> s = Files.walk(p, Integer.MAX_VALUE, opts.toArray(new FileVisitOption[0]))) {
                    s.filter(Files::isRegularFile).filter(f -> !hiddenBelow(p, f)).forEach(found::add);
                }
                found.sort(Comparator.comparing(Path::toString));
                if (found.isEmpty()) throw new IOException(p + ": no files found");
                List<Path> loose = new ArrayList<>();
                for (Path f : found) {
                    IngestTask.Kind k = kindOf(f);
                    if (k == IngestTask.Kind.FILES) {
                        loose.add(f);
                    } else {
                        tasks.add(new IngestTask(k, f, List.of(), Files.size(f)));
                    }
                }
                addLoose(tasks, p, loose, filesPerTask);
            } else {
                IngestTask.Kind k = kindOf(p);
                if (k == IngestTask.Kind.FILES) {
                    looseArgs.add(p);
                } else {
                    flushLoose(tasks, looseArgs, filesPerTask);
                    tasks.add(new IngestTask(k, p, List.of(), Files.size(p)));
                }
            }
        }
        flushLoose(tasks, looseArgs, filesPerTask);
        return tasks;
    }

    private static void flushLoose(List<IngestTask> tasks, List<Path> loose, int filesPerTask) throws IOException {
        if (loose.isEmpty()) return;
        addLoose(tasks, loose.get(0), new ArrayList<>(loose), filesPerTask);
        loose.clear();
    }

    private static void addLoose(List<IngestTask> tasks, Path root, List<Path> files, int filesPerTask) throws IOException {
        for (int i = 0; i < files.size(); i += filesPerTask) {
            List<Path> batch = files.subList(i, Math.min(files.size(), i + filesPerTask));
            long bytes = 0;
            for (Path f : batch) bytes += Files.size(f);
            tasks.add(new IngestTask(IngestTask.Kind.FILES, root, batch, bytes));
        }
    }

    /**
     * Hidden files and directories ({@code .x}) and bookkeeping or build directories ({@code _x}:
     * a stage's {@code _winnow/}, Sphinx's {@code _static/} and {@code _sources/}) are not input.
     * Files named {@code _x} are (Hugo's {@code _index.md} is a page).
     */
    private static boolean hiddenBelow(Path root, Path file) {
        Path rel = root.relativize(file);
        for (int i = 0; i < rel.getNameCount(); i++) {
            String n = rel.getName(i).toString();
            if (n.startsWith(".")) return true;
            if (n.startsWith("_") && i < rel.getNameCount() - 1) return true;
        }
        return false;
    }

    /**
     * A digest of every file the tasks read (path, size, modification time), so that a resumed run
     * over a tree that changed is refused instead of mixing two versions.
     */
    public static String digest(List<IngestTask> tasks) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (IngestTask t : tasks) {
            List<Path> files = t.files().isEmpty() ? List.of(t.path()) : t.files();
            for (Path f : files) {
                String line = t.kind() + "\t" + f.toAbsolutePath().normalize() + "\t" + Files.size(f) + "\t"
                        + Files.getLastModifiedTime(f).toMillis() + "\n";
                md.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
