package io.winnow.mixture.count;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.doc.Document;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageLayout;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.ShardReader;
import io.winnow.core.util.AtomicFiles;
import io.winnow.mixture.config.DocFilter;
import io.winnow.mixture.config.MixtureConfig;
import io.winnow.mixture.config.SourceSpec;
import io.winnow.mixture.megatron.MegatronIndexedReader;
import io.winnow.mixture.sample.Hash64;
import io.winnow.tokenizer.encode.BpeEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pass 1 of a mix: reads every shard once, sends each document through the filters to its source, weighs
 * it, and counts its tokens — from the {@link TokenCache}, or by tokenizing it with the encoder on all
 * workers (a shard's documents go out in batches and come back in order, so one large shard uses every
 * core too). Writes per shard a {@link DocTable} and a marker with the per-source {@link SourceTally}; a
 * shard with a marker is skipped on resume.
 */
public final class CountPass {
    private static final ObjectMapper JSON = AtomicFiles.json();
    private static final int BATCH_DOCS = 256;
    private static final int BATCH_BYTES = 256 << 10;

    private final MixtureConfig config;
    private final BpeEncoder encoder;
    private final TokenCache cache;
    private final int eodTokens;
    private final Path bookkeeping;
    private final StageLayout layout;
    private final RunOptions options;

    /** Results of one shard. */
    public record ShardCount(int shard, long docsRead, long badRecords, long textBytes, boolean tokenized,
                             boolean resumed, Map<String, Long> dropped, List<SourceTally> sources) {}

    public CountPass(MixtureConfig config, BpeEncoder encoder, TokenCache cache, boolean appendEod,
                     StageLayout layout, RunOptions options) {
        this.config = config;
        this.encoder = encoder;
        this.cache = cache;
        this.eodTokens = appendEod ? 1 : 0;
        this.layout = layout;
        this.bookkeeping = layout.bookkeeping().resolve("count");
        this.options = options;
    }

    public static Path docTable(Path bookkeeping, int shard) {
        return bookkeeping.resolve("count").resolve(StageLayout.taskPrefix(shard) + ".docs");
    }

    private Path marker(int shard) { return bookkeeping.resolve(StageLayout.taskPrefix(shard) + ".json"); }

    /** Counts every shard not done yet and returns all shards' results, in shard order. */
    public List<ShardCount> run(List<ShardInput> shards) throws IOException, StageFailedException {
        Files.createDirectories(bookkeeping);
        List<ShardInput> todo = new ArrayList<>();
        long todoBytes = 0;
        for (ShardInput s : shards) {
            if (Files.exists(marker(s.index())) && Files.exists(docTable(layout.bookkeeping(), s.index()))) continue;
            todo.add(s);
            todoBytes += Files.size(s.path());
        }
        if (!todo.isEmpty()) {
            int workers = options.workers();
            ExecutorService encodePool = Executors.newFixedThreadPool(workers, daemon("winnow-mix-encode"));
            ExecutorService shardPool = Executors.newFixedThreadPool(Math.min(workers, todo.size()), daemon("winnow-mix-count"));
            AtomicBoolean cancelled = new AtomicBoolean();
            try (Progress progress = new Progress("mix count", options.progress(), todoBytes, todo.size(), System.err).start()) {
                List<Future<?>> futures = new ArrayList<>();
                for (ShardInput s : todo) {
                    futures.add(shardPool.submit(() -> {
                        countShard(s, encodePool, progress, cancelled);
                        return null;
                    }));
                }
                for (int k = 0; k < futures.size(); k++) {
                    try {
                        futures.get(k).get();
                    } catch (ExecutionException e) {
                        cancelled.set(true);
                        Throwable c = e.getCause();
                        throw new StageFailedException("mix: counting " + todo.get(k).path() + " failed: "
                                + (c.getMessage() == null ? c.toString() : c.getMessage()) + " (finished shards are kept; run again to resume)", c);
                    } catch (InterruptedException e) {
                        cancelled.set(true);
                        Thread.currentThread().interrupt();
                        throw new StageFailedException("mix: interrupted", e);
                    }
                }
            } finally {
                shardPool.shutdownNow();
                encodePool.shutdownNow();
            }
        }
        java.util.Set<Integer> counted = new java.util.HashSet<>();
        for (ShardInput s : todo) counted.add(s.index());
        List<ShardCount> out = new ArrayList<>();
        for (ShardInput s : shards) out.add(readMarker(s.index(), !counted.contains(s.index())));
        return out;
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** A batch of documents out for tokenizing, with their table rows waiting for the token counts. */
    private record Pending(Future<int[][]> ids, List<DocTable.Row> rows) {}

    private void countShard(ShardInput s, ExecutorService encodePool, Progress progress, AtomicBoolean cancelled) throws Exception {
        long t0 = System.nanoTime();
        List<SourceSpec> sources = config.sources;
        List<SourceTally> tallies = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) tallies.add(new SourceTally());
        Map<String, Long> dropped = new TreeMap<>();
        BadRecordLog bad = new BadRecordLog(layout.badRecords().resolve(StageLayout.taskPrefix(s.index()) + ".jsonl"));
        MegatronIndexedReader cached = cache.open(s.path());
        TokenCache.Entry entry = cached == null ? cache.begin(s.path()) : null;
        String fallbackKey = s.path().toString() + "\n";
        long textBytes = 0;
        try (DocTable.Writer table = new DocTable.Writer(docTable(layout.bookkeeping(), s.index()));
             ShardReader reader = new ShardReader(s.path(), options.maxRecordBytes(), r -> {
                 try {
                     bad.write(r);
                 } catch (IOException e) {
                     throw new java.io.UncheckedIOException(e);
                 }
                 if (options.failFast()) throw new IllegalStateException("bad input record (--fail-fast): " + r.describe());
             })) {
            ArrayDeque<Pending> inflight = new ArrayDeque<>();
            List<String> texts = new ArrayList<>();
            List<DocTable.Row> rows = new ArrayList<>();
            int batchBytes = 0;
            int maxInflight = 2 * options.workers();
            long ordinal = 0;
            long lastBytes = 0;
            Document d;
            while ((d = reader.next()) != null) {
                DocTable.Row row = new DocTable.Row();
                row.source = (short) assign(d, s.sources(), tallies, dropped);
                row.weight = row.source >= 0 ? sources.get(row.source).weight().weight(d) : 0;
                row.bytes = d.textBytes();
                row.key = d.id() != null ? Hash64.of(d.id()) : Hash64.of(fallbackKey + ordinal);
                textBytes += row.bytes;
                if (cached != null) {
                    if (ordinal >= cached.sequenceCount()) throw staleCache(s, cached);
                    int n = cached.length(ordinal);
                    row.tokens = n == 0 ? 0 : n + eodTokens;
                    finish(row, tallies, table);
                } else {
                    texts.add(d.text());
                    rows.add(row);
                    batchBytes += row.bytes;
                    if (rows.size() >= BATCH_DOCS || batchBytes >= BATCH_BYTES) {
                        inflight.add(submit(encodePool, texts, rows));
                        texts = new ArrayList<>();
                        rows = new ArrayList<>();
                        batchBytes = 0;
                        while (inflight.size() >= maxInflight) drain(inflight.poll(), entry, tallies, table);
                    }
                }
                if ((++ordinal & 1023) == 0) {
                    if (cancelled.get()) throw new IOException("cancelled");
                    progress.addDocs(1024);
                    long b = reader.fileBytesRead();
                    progress.addBytes(b - lastBytes);
                    lastBytes = b;
                }
            }
            if (!rows.isEmpty()) inflight.add(submit(encodePool, texts, rows));
            while (!inflight.isEmpty()) drain(inflight.poll(), entry, tallies, table);
            if (cached != null && ordinal != cached.sequenceCount()) throw staleCache(s, cached);
            if (entry != null) entry.commit();
            table.commit();
            bad.commit();
            progress.addDocs(ordinal & 1023);
            progress.addBytes(Files.size(s.path()) - lastBytes);
            progress.shardDone();

            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shard", s.index());
            m.put("input", s.path().toString());
            m.put("input_bytes", Files.size(s.path()));
            m.put("docs_read", reader.documents());
            m.put("bad_records", reader.badRecords());
            m.put("text_bytes", textBytes);
            m.put("tokenized", entry != null);
            m.put("seconds", (System.nanoTime() - t0) / 1e9);
            m.put("dropped", dropped);
            Map<String, Object> src = new LinkedHashMap<>();
            for (int i = 0; i < sources.size(); i++) src.put(sources.get(i).name, tallies.get(i).toMap());
            m.put("sources", src);
            AtomicFiles.writeJson(marker(s.index()), m);
        } catch (Exception e) {
            if (entry != null) entry.close();
            bad.abort();
            throw e;
        } finally {
            if (cached != null) cached.close();
        }
    }

    private static IOException staleCache(ShardInput s, MegatronIndexedReader cached) {
        return new IOException(s.path() + ": the token cache entry " + cached.prefix() + " does not match the shard's documents; delete it and run again");
    }

    private Pending submit(ExecutorService pool, List<String> texts, List<DocTable.Row> rows) {
        List<String> batch = texts;
        return new Pending(pool.submit(() -> {
            int[][] out = new int[batch.size()][];
            for (int i = 0; i < out.length; i++) out[i] = encoder.encode(batch.get(i));
            return out;
        }), rows);
    }

    private void drain(Pending p, TokenCache.Entry entry, List<SourceTally> tallies, DocTable.Writer table) throws Exception {
        int[][] ids = p.ids().get();
        for (int i = 0; i < ids.length; i++) {
            entry.add(ids[i]);
            DocTable.Row row = p.rows().get(i);
            row.tokens = ids[i].length == 0 ? 0 : ids[i].length + eodTokens;
            finish(row, tallies, table);
        }
    }

    private static void finish(DocTable.Row row, List<SourceTally> tallies, DocTable.Writer table) throws IOException {
        if (row.source >= 0) tallies.get(row.source).add(row.tokens, row.bytes, row.weight);
        table.write(row.source, row.weight, row.tokens, row.bytes, row.key);
    }

    /** The source a document goes to: the mixture's filters, then the first candidate source whose filters it passes. */
    private int assign(Document d, int[] candidates, List<SourceTally> tallies, Map<String, Long> dropped) {
        List<DocFilter> global = config.compiledFilters();
        for (int i = 0; i < global.size(); i++) {
            if (!global.get(i).test(d)) {
                dropped.merge("filters[" + i + "]: " + global.get(i), 1L, Long::sum);
                return DocTable.DROPPED;
            }
        }
        for (int c : candidates) {
            DocFilter failed = null;
            for (DocFilter f : config.sources.get(c).compiledFilters()) {
                if (!f.test(d)) {
                    failed = f;
                    break;
                }
            }
            if (failed == null) return c;
            tallies.get(c).rejected(failed.toString());
        }
        dropped.merge("no source accepted it", 1L, Long::sum);
        return DocTable.DROPPED;
    }

    @SuppressWarnings("unchecked")
    private ShardCount readMarker(int shard, boolean resumed) throws IOException {
        Map<String, Object> m = JSON.readValue(marker(shard).toFile(), Map.class);
        Map<String, Object> src = (Map<String, Object>) m.get("sources");
        List<SourceTally> tallies = new ArrayList<>();
        for (SourceSpec s : config.sources) {
            Object t = src.get(s.name);
            if (t == null) throw new IOException(marker(shard) + ": no counts for source '" + s.name + "' (a run of another config?)");
            tallies.add(SourceTally.fromMap((Map<String, Object>) t));
        }
        Map<String, Long> dropped = new TreeMap<>();
        ((Map<String, Object>) m.get("dropped")).forEach((k, v) -> dropped.put(k, ((Number) v).longValue()));
        return new ShardCount(shard, ((Number) m.get("docs_read")).longValue(), ((Number) m.get("bad_records")).longValue(),
                ((Number) m.get("text_bytes")).longValue(), (Boolean) m.get("tokenized"), resumed, dropped, tallies);
    }
}
