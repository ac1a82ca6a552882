package io.winnow.mixture.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageLayout;
import io.winnow.core.util.AtomicFiles;
import io.winnow.mixture.config.MixtureConfig;
import io.winnow.mixture.count.CountPass;
import io.winnow.mixture.count.DocTable;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pass 2 of a mix: decides, for every counted document, how many copies go into the mix and whether it
 * is a validation document, from the plan's scale and hashes of (seed, document key) only — never from the
 * order of work. Writes per shard a run of shuffle entries sorted by shuffle key ({@code _winnow/sample/
 * part-NNNNN.run}: key, document ordinal, copy and split, 16 bytes each) and a marker with per-source
 * {@link SampleTally}s. Reads only the count pass's document tables, so it takes seconds.
 */
public final class SamplePass {
    private static final ObjectMapper JSON = AtomicFiles.json();
    static final int ENTRY = 16;

    private final MixtureConfig config;
    private final MixturePlan plan;
    private final long seed;
    private final StageLayout layout;
    private final RunOptions options;

    public SamplePass(MixtureConfig config, MixturePlan plan, long seed, StageLayout layout, RunOptions options) {
        this.config = config;
        this.plan = plan;
        this.seed = seed;
        this.layout = layout;
        this.options = options;
    }

    public static Path runFile(StageLayout layout, int shard) {
        return layout.bookkeeping().resolve("sample").resolve(StageLayout.taskPrefix(shard) + ".run");
    }

    private Path marker(int shard) {
        return layout.bookkeeping().resolve("sample").resolve(StageLayout.taskPrefix(shard) + ".json");
    }

    /** Samples every shard not done yet; returns per-source tallies summed over shards (in shard order). */
    public List<SampleTally> run(int shards) throws IOException, StageFailedException {
        Files.createDirectories(layout.bookkeeping().resolve("sample"));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(options.workers(), shards)), r -> {
            Thread t = new Thread(r, "winnow-mix-sample");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < shards; i++) {
                int shard = i;
                if (Files.exists(marker(shard)) && Files.exists(runFile(layout, shard))) continue;
                fs.add(pool.submit(() -> {
                    sampleShard(shard);
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    throw new StageFailedException("mix: sampling failed: " + (c.getMessage() == null ? c.toString() : c.getMessage()), c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StageFailedException("mix: interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<SampleTally> total = new ArrayList<>();
        for (int i = 0; i < config.sources.size(); i++) total.add(new SampleTally());
        for (int shard = 0; shard < shards; shard++) {
            List<SampleTally> t = readMarker(shard);
            for (int i = 0; i < total.size(); i++) total.get(i).addAll(t.get(i));
        }
        return total;
    }

    private void sampleShard(int shard) throws IOException {
        int n = config.sources.size();
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) scale[i] = plan.sources().get(i).scale();
        double cap = config.maxEpochs;
        double validShare = config.validationShare;
        List<SampleTally> tallies = new ArrayList<>();
        for (int i = 0; i < n; i++) tallies.add(new SampleTally());
        LongArrayList keys = new LongArrayList();
        LongArrayList payload = new LongArrayList(); // ordinal << 32 | copy << 1 | valid
        DocTable.Row row = new DocTable.Row();
        try (DocTable.Reader in = new DocTable.Reader(CountPass.docTable(layout.bookkeeping(), shard))) {
            for (long ordinal = 0; in.next(row); ordinal++) {
                if (row.source < 0 || row.tokens == 0 || row.weight <= 0) continue;
                SampleTally t = tallies.get(row.source);
                double c = scale[row.source] * row.weight;
                if (c > cap) {
                    c = cap;
                    t.cappedDocs++;
                }
                double whole = Math.floor(c);
                double frac = c - whole;
                t.expectedTokens += c * row.tokens;
                t.variance += (double) row.tokens * row.tokens * frac * (1 - frac);
                int copies = (int) whole + (Hash64.uniform(seed, row.key, Hash64.COPIES) < frac ? 1 : 0);
                if (copies == 0) continue;
                boolean valid = validShare > 0 && Hash64.uniform(seed, row.key, Hash64.VALIDATION) < validShare;
                if (valid) {
                    // one copy: a validation document is never repeated, nor seen in training
                    t.valid.add(1, row.tokens, row.bytes);
                    keys.add(Hash64.of(seed, row.key, Hash64.SHUFFLE, 0));
                    payload.add(ordinal << 32 | 1);
                } else {
                    t.train.add(copies, row.tokens, row.bytes);
                    for (int j = 0; j < copies; j++) {
                        keys.add(Hash64.of(seed, row.key, Hash64.SHUFFLE, j));
                        payload.add(ordinal << 32 | (long) j << 1);
                    }
                }
            }
        }
        writeRun(runFile(layout, shard), keys, payload);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shard", shard);
        m.put("entries", keys.size());
        Map<String, Object> src = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) src.put(config.sources.get(i).name, tallies.get(i).toMap());
        m.put("sources", src);
        AtomicFiles.writeJson(marker(shard), m);
    }

    /** Sorts entries by (key, ordinal, copy) and writes them; the file appears only when complete. */
    static void writeRun(Path target, LongArrayList keys, LongArrayList payload) throws IOException {
        int n = keys.size();
        long[] k = keys.elements();
        long[] p = payload.elements();
        it.unimi.dsi.fastutil.Arrays.quickSort(0, n, (a, b) -> {
            int c = Long.compare(k[a], k[b]);
            return c != 0 ? c : Long.compare(p[a], p[b]);
        }, (a, b) -> {
            long t = k[a];
            k[a] = k[b];
            k[b] = t;
            t = p[a];
            p[a] = p[b];
            p[b] = t;
        });
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        ByteBuffer b = ByteBuffer.allocate(ENTRY).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            for (int i = 0; i < n; i++) {
                b.clear();
                b.putLong(k[i]).putLong(p[i]);
                out.write(b.array());
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @SuppressWarnings("unchecked")
    private List<SampleTally> readMarker(int shard) throws IOException {
        Map<String, Object> m = JSON.readValue(marker(shard).toFile(), Map.class);
        Map<String, Object> src = (Map<String, Object>) m.get("sources");
        List<SampleTally> out = new ArrayList<>();
        for (var s : config.sources) out.add(SampleTally.fromMap((Map<String, Object>) src.get(s.name)));
        return out;
    }
}
