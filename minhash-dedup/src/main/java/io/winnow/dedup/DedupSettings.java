package io.winnow.dedup;

import io.winnow.core.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of {@code winnow dedup}. A preset supplies the MinHash/LSH parameters; any value set
 * here overrides it (null = the preset's). Setting {@code threshold} or {@code num_perm} without
 * {@code bands}/{@code rows} re-optimizes the band layout for them.
 */
public final class DedupSettings implements Config.Validatable {
    /** fineweb, nemo or rp2. */
    public String preset = "fineweb";
    /** local (one machine, persistent index) or spark (needs the winnow-minhash-dedup-spark jar). */
    public String engine = "local";
    /** Target Jaccard similarity: picks bands/rows when they are optimized and is the default verification threshold. */
    public Double threshold;
    public Integer numPerm;
    public Integer bands;
    public Integer rows;
    /** Seed of the MinHash permutations (all batches of an index must share it). */
    public Long seed;
    public Shingle shingle = new Shingle();
    public Verify verify = new Verify();
    /** Which document of a cluster is kept: first, longest or quality. */
    public String keep = "first";
    /** Persistent index directory (--index): later batches are deduplicated against earlier ones. */
    public String index;
    /** Documents a shared index is sized for (it grows up to 10x past it). 0 = 10 million. */
    public long indexCapacity = 0;
    /** Write OUT/clusters/clusters.jsonl.zst (every cluster of two or more, with member ids). */
    public boolean writeClusters = true;
    /** Write OUT/clusters/pairs.tsv.zst (every accepted pair with its similarity). */
    public boolean writePairs = false;
    public Spark spark = new Spark();

    public static final class Shingle {
        /** word, char, or auto (char n-grams of cjk_size for mostly-CJK documents, word n-grams otherwise). */
        public String unit;
        public Integer size;
        public Integer cjkSize;
        /** auto (ICU for CJK/Thai/..., Lucene StandardTokenizer otherwise), standard, icu or whitespace. */
        public String segmenter = "auto";
        public Normalize normalize = new Normalize();
    }

    public static final class Normalize {
        public boolean lowercase = true;
        public boolean punctuation = true;
        public boolean accents = true;
        public boolean digits = true;
    }

    public static final class Verify {
        /** exact (Jaccard of the shingle sets), signature (MinHash estimate) or none. */
        public String method = "exact";
        /** Pairs below this similarity are not duplicates; null = threshold. */
        public Double threshold;
        /** Documents per LSH bucket that later documents are compared with; null = 1 without verification, 3 with. */
        public Integer bucketAnchors;
    }

    public static final class Spark {
        /** Master URL when not started by spark-submit; null = local[*]. */
        public String master;
        /** Shuffle partitions; 0 = Spark's default. */
        public int partitions = 0;
        /** Extra Spark configuration (spark.* keys). */
        public Map<String, String> conf = new LinkedHashMap<>();
        /** Maximum large-star/small-star rounds before giving up. */
        public int maxRounds = 50;
    }

    @Override
    public void validate() {
        DedupPlan.of(this); // resolves and checks every value
        if (!engine.equals("local") && !engine.equals("spark")) {
            throw new IllegalArgumentException("engine must be local or spark, got '" + engine + "'");
        }
        if (indexCapacity < 0) throw new IllegalArgumentException("index_capacity must not be negative");
    }
}
