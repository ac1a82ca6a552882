package io.winnow.bench;

import io.winnow.core.doc.Document;
import io.winnow.core.shard.Compression;
import io.winnow.core.shard.ShardReader;
import io.winnow.core.shard.ShardWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Shard write and read throughput.
 *
 * <p>One operation writes the whole corpus ({@link SampleCorpus}, real text) to one shard with
 * {@link ShardWriter} and commits it (flush, fsync, atomic rename), or reads one such shard to the
 * end with {@link ShardReader}, parsing every document. Each benchmark thread writes and reads its
 * own file, so with {@code -t 2} two shards are written or read at once and the score is the sum
 * over threads. Read files are written once per trial and are served from the page cache: the read
 * numbers measure decompression and parsing, not the disk.
 *
 * <p>The score is shards per second; every operation moves exactly the same uncompressed bytes
 * (printed at setup), so MB/s of uncompressed JSON = score × shard MB. {@link ShardIoRun} does that
 * conversion and writes the table. An {@code @AuxCounters} byte counter is deliberately not used:
 * with more than one thread JMH keeps counting it during the synchronisation phases before and
 * after the measured window, which inflated MB/s by up to 1.8× in a trial run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ShardIoBenchmark {

    /** The corpus, shared read-only by all threads, and the shard every reader copies. */
    @State(Scope.Benchmark)
    public static class Corpus {
        /** Shard codec, by file extension: {@code gz} = .jsonl.gz (level 6), {@code zst} = .jsonl.zst (level 3). */
        @Param({"gz", "zst"})
        public String codec;

        /** Uncompressed JSON size of the corpus, in MB (10^6 bytes). */
        @Param("32")
        public int datasetMB;

        /** Sample directory; blank = -Dwinnow.sample, else data/sample of the repository. */
        @Param("")
        public String sample;

        List<Document> docs;
        long jsonBytes;
        String extension;
        Path dir;
        Path readSource;
        final AtomicInteger threadIds = new AtomicInteger();

        @Setup(Level.Trial)
        public void setup() throws IOException {
            extension = Compression.parse(codec).extension();
            SampleCorpus corpus = SampleCorpus.build(SampleCorpus.resolveSampleDir(sample), datasetMB * 1_000_000L);
            docs = corpus.documents();
            dir = Files.createTempDirectory("winnow-shard-bench-");
            readSource = dir.resolve("source" + extension);
            try {
                // MB/s counts the bytes ShardWriter actually produces (its own count, uncompressed).
                jsonBytes = writeAll(docs, readSource);
            } catch (IOException | RuntimeException e) {
                tearDown(); // JMH skips @TearDown when @Setup fails
                throw e;
            }
            System.out.printf(Locale.ROOT, "%n# shard per operation: %d documents, %d bytes uncompressed (%.3f MB), %d bytes %s%n",
                    docs.size(), jsonBytes, jsonBytes / 1e6, Files.size(readSource), extension);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            if (dir == null) return;
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** This thread's own files. */
    @State(Scope.Thread)
    public static class ThreadFiles {
        Path writeTarget;
        Path readFile;

        @Setup(Level.Trial)
        public void setup(Corpus c) throws IOException {
            int id = c.threadIds.getAndIncrement();
            writeTarget = c.dir.resolve("write-" + id + c.extension);
            readFile = c.dir.resolve("read-" + id + c.extension);
            Files.copy(c.readSource, readFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Benchmark
    public long write(Corpus c, ThreadFiles f) throws IOException {
        long n = writeAll(c.docs, f.writeTarget);
        if (n != c.jsonBytes) throw new IllegalStateException("wrote " + n + " bytes, expected " + c.jsonBytes);
        return n;
    }

    @Benchmark
    public long read(Corpus c, ThreadFiles f, Blackhole bh) throws IOException {
        long docs = 0;
        try (ShardReader r = new ShardReader(f.readFile, ShardReader.DEFAULT_MAX_RECORD_BYTES, bad -> {
            throw new IllegalStateException(bad.describe());
        })) {
            for (Document d; (d = r.next()) != null; ) {
                bh.consume(d);
                docs++;
            }
        }
        if (docs != c.docs.size()) {
            throw new IllegalStateException("read " + docs + " documents, expected " + c.docs.size());
        }
        return docs;
    }

    /** Writes and commits one shard; returns its uncompressed size. */
    static long writeAll(List<Document> docs, Path target) throws IOException {
        try (ShardWriter w = new ShardWriter(target, -1)) { // close() after commit() is a no-op
            for (Document d : docs) w.write(d);
            w.commit();
            return w.bytes();
        }
    }
}
