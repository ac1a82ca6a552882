package io.winnow.core.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.doc.Document;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.BadRecord;
import io.winnow.core.shard.Compression;
import io.winnow.core.shard.RollingShardWriter;
import io.winnow.core.shard.ShardWriter;
import io.winnow.core.step.Pipeline;
import io.winnow.core.step.StepContext;
import io.winnow.core.step.StepStats;
import io.winnow.core.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a stage on this machine: one task per input shard on a pool of {@code workers} threads.
 *
 * <p>Crash safety: a task writes its shards under hidden temp names, publishes them by rename and
 * then writes its completion marker. A re-run skips shards that have a marker and redoes the
 * others from scratch after deleting anything they had published, so a run killed at any moment
 * and started again ends with exactly the files of a clean run. Output names depend only on the
 * input shard's position, so the output is the same for any worker count.
 */
public final class LocalExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(LocalExecutor.class);
    private static final int MAX_LOGGED_BAD_RECORDS = 20;
    private static final ObjectMapper JSON = AtomicFiles.json();

    private LocalExecutor() {}

    public static StageResult run(StageJob job) throws IOException, StageFailedException {
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        StageLayout layout = job.layout();
        RunOptions opt = job.options();
        prepareOutput(job, layout);

        List<Integer> todo = new ArrayList<>();
        long todoBytes = 0;
        for (int i = 0; i < job.inputs().size(); i++) {
            if (Files.exists(layout.marker(i))) continue;
            todo.add(i);
            todoBytes += job.format().size(i, job.inputs().get(i));
        }
        int resumed = job.inputs().size() - todo.size();
        if (resumed > 0) {
            LOG.info("{}: resuming: {} of {} shards already done", job.stage(), resumed, job.inputs().size());
        }

        AtomicInteger loggedBad = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        try (Progress progress = new Progress(job.stage(), opt.progress(), todoBytes, todo.size(), System.err).start()) {
            ParallelTasks.run(job.stage(), todo.size(), opt.workers(), k -> job.inputs().get(todo.get(k)).toString(),
                    " (finished shards are kept; run again to resume)", () -> cancelled.set(true),
                    k -> runTask(job, layout, todo.get(k), progress, loggedBad, cancelled));
        }

        StageResult result = writeStats(job, layout, started, resumed, (System.nanoTime() - t0) / 1e9);
        if (result.badRecords() > 0) {
            LOG.warn("{}: {} bad input records were skipped; they are kept in {}", job.stage(),
                    result.badRecords(), layout.badRecords());
        }
        return result;
    }

    /**
     * For engines that place shard tasks themselves (the dedup stage's Spark engine runs them on
     * executors): {@link #prepare} once, {@link #runShard} for every shard on any machine that sees
     * the output directory, then {@link #summarize}. Together they do what {@link #run} does,
     * resume included (a shard with a completion marker is skipped).
     */
    public static void prepare(StageJob job) throws IOException {
        prepareOutput(job, job.layout());
    }

    /** Runs one shard's task unless its marker exists; returns whether it ran. */
    public static boolean runShard(StageJob job, int index) throws IOException {
        if (Files.exists(job.layout().marker(index))) return false;
        try (Progress off = new Progress(job.stage(), Progress.Mode.OFF, 0, 0, System.err)) {
            runTask(job, job.layout(), index, off, new AtomicInteger(), new AtomicBoolean());
        }
        return true;
    }

    /** Writes stats.json from the markers of a job whose shards all ran. */
    public static StageResult summarize(StageJob job, Instant started, int resumedShards, double seconds) throws IOException {
        return writeStats(job, job.layout(), started, resumedShards, seconds);
    }

    /** Creates the layout, or checks that an existing one belongs to the same run (same inputs and settings). */
    private static void prepareOutput(StageJob job, StageLayout layout) throws IOException {
        Map<String, Object> identity = identity(job);
        String fingerprint = sha256(JSON.writeValueAsBytes(identity));
        if (job.options().overwrite()) {
            for (Path p : List.of(layout.kept(), layout.rejected(), layout.badRecords(), layout.bookkeeping(), layout.stats())) {
                deleteTree(p);
            }
        } else if (Files.exists(layout.runFile())) {
            Map<?, ?> prev = JSON.readValue(layout.runFile().toFile(), Map.class);
            if (!fingerprint.equals(prev.get("fingerprint"))) {
                throw new IOException(job.output() + " holds a run of '" + prev.get("stage")
                        + "' with different inputs or settings; use another --output or pass --overwrite");
            }
        } else if (Files.exists(layout.kept()) || Files.exists(layout.stats())) {
            throw new IOException(job.output() + " already holds stage output not made by this run; "
                    + "use another --output or pass --overwrite");
        }
        // The run file comes first: a run killed right after it created kept/ must still be
        // recognised as this run when it is started again.
        if (!Files.exists(layout.runFile())) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("stage", job.stage());
            run.put("fingerprint", fingerprint);
            run.put("identity", identity);
            AtomicFiles.writeJson(layout.runFile(), run);
        }
        Files.createDirectories(layout.kept());
        Files.createDirectories(layout.rejected());
        Files.createDirectories(layout.markers());
    }

    private static Map<String, Object> identity(StageJob job) throws IOException {
        RunOptions o = job.options();
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("stage", job.stage());
        id.put("settings", job.settings());
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (int i = 0; i < job.inputs().size(); i++) {
            Path p = job.inputs().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", p.toAbsolutePath().normalize().toString());
            m.put("bytes", job.format().size(i, p));
            inputs.add(m);
        }
        id.put("inputs", inputs);
        id.put("seed", o.seed());
        id.put("compression", o.compression().name().toLowerCase());
        id.put("compression_level", o.compressionLevel());
        id.put("max_shard_bytes", o.maxShardBytes());
        id.put("max_record_bytes", o.maxRecordBytes());
        return id;
    }

    private static void runTask(StageJob job, StageLayout layout, int index, Progress progress,
                                AtomicInteger loggedBad, AtomicBoolean cancelled) throws IOException {
        RunOptions opt = job.options();
        Path input = job.inputs().get(index);
        String prefix = StageLayout.taskPrefix(index);
        long t0 = System.nanoTime();
        removeTaskOutputs(layout, prefix); // a previous attempt may have died half-way

        RollingShardWriter kept = new RollingShardWriter(layout.kept(), prefix, opt.compression(), opt.compressionLevel(), opt.maxShardBytes());
        RollingShardWriter rejected = new RollingShardWriter(layout.rejected(), prefix, opt.compression(), opt.compressionLevel(), opt.maxShardBytes());
        BadRecordWriter bad = new BadRecordWriter(layout.badRecords().resolve(prefix + ".jsonl"));
        try {
            Pipeline pipeline = job.pipelines().get();
            pipeline.open(new StepContext(index, input, opt.seed()), new Pipeline.Sink() {
                @Override
                public void keep(Document doc) {
                    write(kept, doc);
                }

                @Override
                public void reject(Document doc) {
                    write(rejected, doc);
                }
            });
            long docs = 0;
            long lastBytes = 0;
            long inputBytes = job.format().size(index, input);
            try (DocumentSource reader = job.format().open(index, input, opt.maxRecordBytes(), r -> {
                bad.write(r);
                if (opt.failFast()) throw new BadInputException(r.describe());
                if (loggedBad.incrementAndGet() <= MAX_LOGGED_BAD_RECORDS) {
                    LOG.warn("bad record skipped: {}", r.describe());
                } else if (loggedBad.get() == MAX_LOGGED_BAD_RECORDS + 1) {
                    LOG.warn("more bad records: not logging each one; see {}", layout.badRecords());
                }
            })) {
                Document d;
                while ((d = reader.next()) != null) {
                    pipeline.process(d);
                    if ((++docs & 1023) == 0) {
                        if (cancelled.get()) throw new IOException("cancelled");
                        progress.addDocs(1024);
                        long b = reader.bytesRead();
                        progress.addBytes(b - lastBytes);
                        lastBytes = b;
                    }
                }
                pipeline.finish();
                progress.addDocs(docs & 1023);
                progress.addBytes(inputBytes - lastBytes);

                List<Path> keptFiles = kept.commit();
                List<Path> rejectedFiles = rejected.commit();
                Path badFile = bad.commit();

                Map<String, Object> m = new LinkedHashMap<>();
                m.put("shard", index);
                m.put("input", input.toString());
                m.put("input_bytes", inputBytes);
                m.put("docs_read", reader.documents());
                m.put("bad_records", reader.badRecords());
                Map<String, Long> counters = reader.counters();
                if (!counters.isEmpty()) m.put("counters", new java.util.TreeMap<>(counters));
                m.put("docs_kept", kept.documents());
                m.put("bytes_kept", kept.bytes());
                m.put("docs_rejected", rejected.documents());
                m.put("bytes_rejected", rejected.bytes());
                m.put("kept_files", names(keptFiles));
                m.put("rejected_files", names(rejectedFiles));
                m.put("bad_records_file", badFile == null ? null : badFile.getFileName().toString());
                m.put("seconds", (System.nanoTime() - t0) / 1e9);
                List<Map<String, Object>> steps = new ArrayList<>();
                for (StepStats s : pipeline.stats()) steps.add(s.toMap());
                m.put("steps", steps);
                AtomicFiles.writeJson(layout.marker(index), m);
                progress.shardDone();
            }
        } catch (UncheckedIOException e) {
            abortAll(kept, rejected, bad);
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            abortAll(kept, rejected, bad);
            throw e;
        }
    }

    private static void write(RollingShardWriter w, Document doc) {
        try {
            w.write(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void abortAll(RollingShardWriter kept, RollingShardWriter rejected, BadRecordWriter bad) {
        try {
            kept.abort();
            rejected.abort();
            bad.abort();
        } catch (IOException e) {
            LOG.warn("could not remove temp files: {}", e.toString());
        }
    }

    private static List<String> names(List<Path> files) {
        List<String> n = new ArrayList<>();
        for (Path p : files) n.add(p.getFileName().toString());
        return n;
    }

    /** Deletes published and temp files of one task (names start with its prefix). */
    private static void removeTaskOutputs(StageLayout layout, String prefix) throws IOException {
        for (Path dir : List.of(layout.kept(), layout.rejected(), layout.badRecords())) {
            if (!Files.isDirectory(dir)) continue;
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                for (Path p : s) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(prefix + "-") || n.startsWith(prefix + ".")
                            || n.startsWith("." + prefix + "-") || n.startsWith("." + prefix + ".")) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    private static StageResult writeStats(StageJob job, StageLayout layout, Instant started, int resumed, double seconds)
            throws IOException {
        List<Map<String, Object>> inputs = new ArrayList<>();
        List<String> keptFiles = new ArrayList<>();
        List<String> rejectedFiles = new ArrayList<>();
        List<String> badFiles = new ArrayList<>();
        List<StepStats> steps = null;
        Map<String, Long> counters = new java.util.TreeMap<>();
        long docsIn = 0, badRecords = 0, docsKept = 0, bytesKept = 0, docsRejected = 0, bytesRejected = 0, inputBytes = 0;
        double taskSeconds = 0;
        for (int i = 0; i < job.inputs().size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.readValue(layout.marker(i).toFile(), Map.class);
            Map<String, Object> in = new LinkedHashMap<>();
            in.put("path", m.get("input"));
            in.put("bytes", m.get("input_bytes"));
            in.put("docs_read", m.get("docs_read"));
            in.put("bad_records", m.get("bad_records"));
            if (m.get("counters") instanceof Map<?, ?> c) {
                in.put("counters", c);
                c.forEach((k, v) -> counters.merge((String) k, num(v), Long::sum));
            }
            inputs.add(in);
            docsIn += num(m.get("docs_read"));
            badRecords += num(m.get("bad_records"));
            docsKept += num(m.get("docs_kept"));
            bytesKept += num(m.get("bytes_kept"));
            docsRejected += num(m.get("docs_rejected"));
            bytesRejected += num(m.get("bytes_rejected"));
            inputBytes += num(m.get("input_bytes"));
            taskSeconds += ((Number) m.get("seconds")).doubleValue();
            keptFiles.addAll(strings(m.get("kept_files")));
            rejectedFiles.addAll(strings(m.get("rejected_files")));
            if (m.get("bad_records_file") != null) badFiles.add((String) m.get("bad_records_file"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> st = (List<Map<String, Object>>) m.get("steps");
            if (steps == null) {
                steps = new ArrayList<>();
                for (Map<String, Object> s : st) steps.add(StepStats.fromMap(s));
            } else {
                for (int k = 0; k < st.size(); k++) steps.get(k).add(StepStats.fromMap(st.get(k)));
            }
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("input_shards", job.inputs().size());
        totals.put("input_bytes", inputBytes);
        totals.put("docs_in", docsIn);
        totals.put("docs_kept", docsKept);
        totals.put("docs_rejected", docsRejected);
        totals.put("bad_records", badRecords);
        totals.put("bytes_kept", bytesKept);
        totals.put("bytes_rejected", bytesRejected);
        totals.put("task_seconds", taskSeconds);

        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("stage", job.stage());
        stats.put("status", "complete");
        stats.put("started", started.toString());
        stats.put("finished", Instant.now().toString());
        stats.put("wall_seconds", seconds);
        stats.put("workers", job.options().workers());
        stats.put("resumed_shards", resumed);
        stats.put("seed", job.options().seed());
        stats.put("settings", job.settings());
        stats.put("totals", totals);
        if (steps == null) {
            // no input shards: still list the steps, with zero counts, so reports keep their shape
            steps = new ArrayList<>();
            for (var s : job.pipelines().get().steps()) steps.add(new StepStats(s.name()));
        }
        if (!counters.isEmpty()) stats.put("source_counters", counters);
        List<Map<String, Object>> stepMaps = new ArrayList<>();
        for (StepStats s : steps) stepMaps.add(s.toMap());
        stats.put("steps", stepMaps);
        stats.put("inputs", inputs);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("kept", prefixAll(relative(layout, layout.kept()), keptFiles));
        outputs.put("rejected", prefixAll(relative(layout, layout.rejected()), rejectedFiles));
        outputs.put("bad_records", prefixAll(relative(layout, layout.badRecords()), badFiles));
        stats.put("outputs", outputs);
        AtomicFiles.writeJson(layout.stats(), stats);
        return new StageResult(job.output(), job.inputs().size(), resumed, docsIn, docsKept, docsRejected, badRecords, seconds);
    }

    /** {@code dir} relative to the stage root, with a trailing slash ({@code kept/}). */
    private static String relative(StageLayout layout, Path dir) {
        return layout.root().toAbsolutePath().normalize().relativize(dir.toAbsolutePath().normalize()) + "/";
    }

    private static List<String> prefixAll(String prefix, List<String> names) {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) out.add(prefix + n);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        return o == null ? List.of() : (List<String>) o;
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private static String message(Throwable t) {
        return ParallelTasks.message(t);
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        if (Files.isDirectory(p)) {
            try (var s = Files.walk(p)) {
                List<Path> all = s.sorted(java.util.Comparator.reverseOrder()).toList();
                for (Path x : all) Files.deleteIfExists(x);
            }
        } else {
            Files.deleteIfExists(p);
        }
    }

    /** Raised by the bad-record handler under --fail-fast. */
    static final class BadInputException extends RuntimeException {
        BadInputException(String message) {
            super("bad input record (--fail-fast): " + message);
        }
    }

    /** Bad records of one task, written as JSON lines; the file exists only if there was one. */
    private static final class BadRecordWriter {
        private final Path target;
        private ShardWriter writer;

        BadRecordWriter(Path target) {
            this.target = target;
        }

        void write(BadRecord r) {
            try {
                if (writer == null) writer = new ShardWriter(target, -1);
                writer.writeLine(JSON.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsBytes(r.toMap()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Path commit() throws IOException {
            return writer == null ? null : writer.commit();
        }

        void abort() throws IOException {
            if (writer != null) writer.abort();
        }
    }

    static Compression compressionOf(Path p) {
        return Compression.of(p);
    }
}
