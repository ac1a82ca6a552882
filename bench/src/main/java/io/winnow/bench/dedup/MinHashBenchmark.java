package io.winnow.bench.dedup;

import io.winnow.core.doc.Document;
import io.winnow.core.shard.ShardReader;
import io.winnow.dedup.DedupPlan;
import io.winnow.dedup.DedupSettings;
import io.winnow.dedup.minhash.MinHasher;
import io.winnow.dedup.shingle.LongBuffer;
import io.winnow.dedup.shingle.Shingler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Shingling and MinHash signing speed per core, per preset, on real documents of the shared
 * corpora: English e-mails and HTML manuals ({@code neardup}) or Tang poems ({@code neardup_zh_poetry}).
 * One operation = one document; the aux counters give shingles and bytes per second.
 *
 * <pre>java -Dwinnow.corpora=DIR -cp bench/target/benchmarks.jar io.winnow.bench.dedup.MinHashRun</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
public class MinHashBenchmark {
    @Param({"fineweb", "nemo", "rp2"})
    public String preset;

    @Param({"neardup", "neardup_zh_poetry"})
    public String set;

    private List<String> texts;
    private Shingler shingler;
    private MinHasher hasher;
    private LongBuffer buf;
    private long[] sig;
    private int next;

    /** Shingles and UTF-8 bytes processed, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long shingles;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            shingles = 0;
            bytes = 0;
        }
    }

    @Setup
    public void setup() throws IOException {
        Path docs = Path.of(System.getProperty("winnow.corpora", "../corpora")).resolve(set).resolve("docs.jsonl");
        texts = new ArrayList<>();
        try (ShardReader r = new ShardReader(docs, 64 << 20, b -> { })) {
            Document d;
            while ((d = r.next()) != null && texts.size() < 3000) texts.add(d.text());
        }
        DedupSettings s = new DedupSettings();
        s.preset = preset;
        DedupPlan plan = DedupPlan.of(s);
        shingler = plan.shingles().newShingler();
        hasher = plan.minHasher();
        buf = new LongBuffer(4096);
        sig = new long[plan.numPerm()];
    }

    private String nextText() {
        String t = texts.get(next);
        next = next + 1 == texts.size() ? 0 : next + 1;
        return t;
    }

    /** Normalization, segmentation and n-gram hashing of one document. */
    @Benchmark
    public int shingle(Counters c) {
        String t = nextText();
        int n = shingler.shingle(t, buf);
        c.shingles += n;
        c.bytes += io.winnow.core.doc.Utf8.length(t);
        return n;
    }

    /** Shingling plus the MinHash signature of one document. */
    @Benchmark
    public long signature(Counters c) {
        String t = nextText();
        int n = shingler.shingle(t, buf);
        hasher.signature(buf.array(), n, sig);
        c.shingles += n;
        c.bytes += io.winnow.core.doc.Utf8.length(t);
        return sig[0];
    }
}
