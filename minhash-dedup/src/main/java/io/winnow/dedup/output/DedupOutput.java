package io.winnow.dedup.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winnow.core.exec.LocalExecutor;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageJob;
import io.winnow.core.exec.StageLayout;
import io.winnow.core.exec.StageResult;
import io.winnow.core.step.Pipeline;
import io.winnow.core.util.AtomicFiles;
import io.winnow.dedup.DedupJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The parts of a dedup run every engine shares: the output directory's bookkeeping, the final
 * pass that applies the verdicts ({@code kept/}, {@code rejected/}, {@code stats.json}) and the
 * dedup section of {@code stats.json}.
 *
 * <pre>
 * OUT/kept/ OUT/rejected/ OUT/bad-records/ OUT/stats.json   as for every stage
 * OUT/clusters/clusters.jsonl.zst                          clusters of two or more (write_clusters)
 * OUT/clusters/pairs.tsv.zst                               accepted pairs (write_pairs)
 * OUT/_winnow/decisions/part-NNNNN.bin                     verdicts per input shard
 * OUT/_winnow/dedup.json                                   the dedup section of stats.json
 * </pre>
 */
public final class DedupOutput {
    public static final String STEP = "minhash_dedup";
    private static final ObjectMapper JSON = AtomicFiles.json();

    private DedupOutput() {}

    public static Path book(Path out) { return out.resolve("_winnow"); }

    public static Path decisions(Path out) { return book(out).resolve("decisions"); }

    public static Path dedupStats(Path out) { return book(out).resolve("dedup.json"); }

    public static Path clustersDir(Path out) { return out.resolve("clusters"); }

    /**
     * Prepares OUT for this job: wipes it under --overwrite, refuses output of another run
     * (other inputs or settings) and records this run's identity. Returns the job to run (never
     * with overwrite set, so the passes do not wipe each other).
     */
    public static DedupJob prepare(DedupJob job) throws IOException {
        Path out = job.output();
        if (job.options().overwrite()) {
            deleteTree(out);
            job = job.withOptions(job.options().withOverwrite(false));
        }
        Path run = book(out).resolve("dedup-run.json");
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("settings", job.settingsJson());
        identity.put("inputs", inputs(job.shards()));
        identity.put("seed", job.options().seed());
        String fp = sha256(JSON.writeValueAsBytes(identity));
        if (Files.exists(run)) {
            JsonNode prev = JSON.readTree(run.toFile());
            if (!fp.equals(prev.path("fingerprint").asText())) {
                throw new IOException(out + " holds a dedup run with different inputs or settings; "
                        + "use another --output or pass --overwrite");
            }
        } else {
            if (Files.exists(out.resolve("kept")) || Files.exists(out.resolve("stats.json"))) {
                throw new IOException(out + " already holds stage output not made by this run; use another --output or pass --overwrite");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fingerprint", fp);
            m.put("identity", identity);
            AtomicFiles.writeJson(run, m);
        }
        return job;
    }

    /** The final pass: applies the verdicts in {@link #decisions} to every input shard. */
    public static StageResult apply(DedupJob job) throws IOException, StageFailedException {
        Path dir = decisions(job.output());
        return LocalExecutor.run(applyJob(job, dir));
    }

    /** The final pass as a stage job (engines that schedule shards themselves run its tasks). */
    public static StageJob applyJob(DedupJob job, Path decisionsDir) {
        return applyJob(job.stage(), job.shards(), job.output(), decisionsDir, job.settingsJson(), job.options());
    }

    public static StageJob applyJob(String stage, List<Path> shards, Path out, Path decisionsDir, JsonNode settings,
                                    io.winnow.core.exec.RunOptions options) {
        return new StageJob(stage, shards, new StageLayout(out),
                () -> new Pipeline(List.of(new DecisionStep(STEP, decisionsDir))), settings, options);
    }

    /** Adds the dedup section (written by the engine to {@link #dedupStats}) to stats.json. */
    public static void mergeStats(Path out, double wallSeconds) throws IOException {
        Path statsFile = out.resolve("stats.json");
        ObjectNode stats = (ObjectNode) JSON.readTree(statsFile.toFile());
        Path d = dedupStats(out);
        if (Files.exists(d)) stats.set("dedup", JSON.readTree(d.toFile()));
        stats.put("wall_seconds", wallSeconds);
        AtomicFiles.writeJson(statsFile, stats);
    }

    static List<Map<String, Object>> inputs(List<Path> shards) throws IOException {
        List<Map<String, Object>> l = new java.util.ArrayList<>();
        for (Path p : shards) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", p.toAbsolutePath().normalize().toString());
            m.put("bytes", Files.size(p));
            l.add(m);
        }
        return l;
    }


    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }
}
