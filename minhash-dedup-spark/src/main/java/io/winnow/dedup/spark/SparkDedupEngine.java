package io.winnow.dedup.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.winnow.core.config.ConfigException;
import io.winnow.core.exec.LocalExecutor;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageJob;
import io.winnow.core.exec.StageResult;
import io.winnow.core.util.AtomicFiles;
import io.winnow.dedup.DedupEngine;
import io.winnow.dedup.DedupJob;
import io.winnow.dedup.DedupPlan;
import io.winnow.dedup.output.DedupOutput;
import io.winnow.dedup.output.DedupStats;
import io.winnow.dedup.output.Decisions;
import io.winnow.dedup.verify.Jaccard;
import io.winnow.dedup.verify.VerifyMethod;
import io.winnow.spark.SparkSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code engine: spark}: the same plan as the local engine, distributed. Each input shard is
 * read and signed inside a Spark task with the local engine's code; band keys are grouped by a
 * shuffle; each bucket pairs its members with its {@code bucket_anchors} lowest-numbered
 * documents (the local engine's rule); candidate pairs are verified next to their shingle sets;
 * clusters come from {@link ConnectedComponents} (large-star/small-star); the keep rule picks one
 * document per cluster with an aggregation; verdicts are written per shard by the tasks, and the
 * output pass runs as one Spark task per shard. Nothing is collected on the driver but counts,
 * the ten largest clusters and the reports, which it streams to files.
 *
 * <p>Inputs and output must be on a filesystem every executor sees at the same path. There is
 * no persistent index: use the local engine for {@code --index}.
 */
public final class SparkDedupEngine implements DedupEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SparkDedupEngine.class);

    @Override
    public String name() { return "spark"; }

    @Override
    public StageResult run(DedupJob job) throws IOException, StageFailedException {
        if (job.settings().index != null) {
            throw new ConfigException("index", "index", "the spark engine keeps no persistent index; "
                    + "use engine local for incremental batches (--index)");
        }
        long t0 = System.nanoTime();
        job = DedupOutput.prepare(job);
        Path out = job.output();
        Path done = DedupOutput.book(out).resolve("clusters.done");
        var sp = job.settings().spark;
        SparkSessions.Handle session = SparkSessions.get("winnow dedup", sp.master, sp.partitions, sp.conf);
        try {
            SparkSession spark = session.spark();
            if (!Files.exists(done)) {
                DedupStats stats = cluster(spark, job);
                AtomicFiles.writeJson(DedupOutput.dedupStats(out), stats.toMap(job.plan().verify() != VerifyMethod.NONE));
                AtomicFiles.writeJson(done, Map.of("engine", name()));
            }
            StageResult r = apply(spark, job);
            double secs = (System.nanoTime() - t0) / 1e9;
            DedupOutput.mergeStats(out, secs);
            return new StageResult(r.output(), r.shards(), r.resumedShards(), r.docsIn(), r.docsKept(), r.docsRejected(),
                    r.badRecords(), secs);
        } finally {
            session.close();
        }
    }

    /** Signatures, buckets, pairs, verification, components, keep rule; writes the verdicts and reports. */
    DedupStats cluster(SparkSession spark, DedupJob job) throws IOException {
        DedupPlan plan = job.plan();
        DedupStats stats = new DedupStats();
        stats.engine = name();
        stats.plan = plan.describe();
        stats.index.put("spark_master", spark.sparkContext().master());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<String> paths = new ArrayList<>();
        for (Path p : job.shards()) paths.add(p.toAbsolutePath().normalize().toString());
        int n = paths.size();
        int maxRecord = job.options().maxRecordBytes();
        long t = System.nanoTime();

        // 1. one task per shard: read and sign with the local engine's code
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) idx.add(i);
        Dataset<Row> raw = spark.createDataFrame(jsc.parallelize(idx, Math.max(1, n)).flatMap(
                (FlatMapFunction<Integer, Row>) i -> new SignedRows(i, paths.get(i), maxRecord, plan)), SignedRows.SCHEMA)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<Integer, Long> perShard = new HashMap<>();
        for (Row r : raw.groupBy("shard").agg(count(lit(1)).as("n"), count(col("keys")).as("signed"), sum("shingles").as("sh")).collectAsList()) {
            perShard.put(r.getInt(0), r.getLong(1));
            stats.docs += r.getLong(1);
            stats.noShingles += r.getLong(1) - r.getLong(2);
            stats.shingles += r.isNullAt(3) ? 0 : r.getLong(3);
        }
        // global document numbers: shard by shard in input order, as the local engine numbers them
        List<Row> starts = new ArrayList<>();
        long s = 0;
        for (int i = 0; i < n; i++) {
            starts.add(RowFactory.create(i, s));
            s += perShard.getOrDefault(i, 0L);
        }
        Dataset<Row> startDf = spark.createDataFrame(starts, new StructType().add("shard", DataTypes.IntegerType).add("start", DataTypes.LongType));
        Dataset<Row> docs = raw.join(broadcast(startDf), "shard").withColumn("g", col("start").plus(col("ordinal")))
                .drop("start").persist(StorageLevel.MEMORY_AND_DISK());
        stats.seconds.put("signatures", secs(t));
        t = System.nanoTime();

        // 2. buckets: each member paired with the bucket's k lowest documents before it
        int k = plan.bucketAnchors();
        LongAccumulator buckets = spark.sparkContext().longAccumulator("buckets");
        Dataset<Row> grouped = docs.where(col("keys").isNotNull()).select(col("g"), explode(col("keys")).as("key"))
                .groupBy("key").agg(collect_list("g").as("m"));
        StructType pairSchema = new StructType().add("g", DataTypes.LongType, false).add("a", DataTypes.LongType, false);
        Dataset<Row> pairs = grouped.flatMap((FlatMapFunction<Row, Row>) row -> {
            buckets.add(1);
            List<Long> m = row.getList(1);
            if (m.size() < 2) return java.util.Collections.emptyIterator();
            long[] a = new long[m.size()];
            for (int i = 0; i < a.length; i++) a[i] = m.get(i);
            Arrays.sort(a);
            List<Row> p = new ArrayList<>();
            for (int i = 1; i < a.length; i++) {
                if (a[i] == a[i - 1]) continue;
                for (int j = 0; j < Math.min(i, k); j++) if (a[j] < a[i]) p.add(RowFactory.create(a[i], a[j]));
            }
            return p.iterator();
        }, Encoders.row(pairSchema)).distinct().persist(StorageLevel.MEMORY_AND_DISK());
        stats.candidatePairs = pairs.count();
        stats.buckets = buckets.value();
        stats.seconds.put("buckets", secs(t));
        t = System.nanoTime();

        // 3. verification beside the two sets
        Dataset<Row> scored;
        if (plan.verify() == VerifyMethod.NONE) {
            scored = pairs.withColumn("sim", lit(null).cast(DataTypes.FloatType));
        } else {
            Dataset<Row> sets = docs.where(col("set").isNotNull()).select(col("g"), col("set"));
            boolean exact = plan.verify() == VerifyMethod.EXACT;
            StructType simSchema = pairSchema.add("sim", DataTypes.FloatType, true);
            scored = pairs.join(sets.withColumnRenamed("set", "sg"), "g")
                    .join(sets.withColumnRenamed("g", "a").withColumnRenamed("set", "sa"), "a")
                    .select(col("g"), col("a"), col("sg"), col("sa"))
                    .mapPartitions((MapPartitionsFunction<Row, Row>) it -> score(it, exact), Encoders.row(simSchema));
            for (Row r : scored.groupBy(floor(col("sim").multiply(10)).as("bin")).count().collectAsList()) {
                int bin = (int) Math.min(9, Math.max(0, r.getLong(0)));
                stats.similarity[bin] += r.getLong(1);
            }
        }
        scored = scored.persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> accepted = plan.verify() == VerifyMethod.NONE ? scored
                : scored.where(col("sim").geq((float) plan.verifyThreshold()));
        Dataset<Row> edges = accepted.select(col("g").as("a"), col("a").as("b"));
        stats.acceptedPairs = edges.count();
        stats.seconds.put("verify", secs(t));
        t = System.nanoTime();

        // 4. clusters: distributed connected components, then the keep rule per component
        ConnectedComponents.Result cc = ConnectedComponents.of(edges, job.settings().spark.maxRounds);
        stats.index.put("cc_rounds", cc.rounds());
        Dataset<Row> members = cc.members().join(docs.select(col("g").as("node"), col("shard"), col("ordinal"), col("id"),
                col("text_bytes"), col("quality")), "node");
        org.apache.spark.sql.Column ruleKey = switch (plan.keep()) {
            case FIRST -> lit(0);
            case LONGEST -> col("text_bytes");
            case QUALITY -> col("quality");
        };
        Dataset<Row> info = members.groupBy("comp").agg(count(lit(1)).as("size"), max(struct(ruleKey.as("key"), negate(col("node")).as("neg"))).as("best"))
                .select(col("comp"), col("size"), negate(col("best.neg")).as("kept"));
        Dataset<Row> keptIds = docs.select(col("g").as("kept"), col("id").as("kept_id"));
        info = info.join(keptIds, "kept").persist(StorageLevel.MEMORY_AND_DISK());
        for (Row r : info.groupBy("size").count().collectAsList()) {
            long size = r.getLong(0);
            for (long c = 0; c < r.getLong(1); c++) stats.addCluster(size);
            stats.docsInClusters += size * r.getLong(1);
        }
        stats.removed = stats.docsInClusters - stats.clusters;
        for (Row r : info.orderBy(col("size").desc(), col("kept").asc()).limit(10).collectAsList()) {
            stats.offerLargest(r.getLong(r.fieldIndex("kept")), keptIdOf(r.isNullAt(r.fieldIndex("kept_id")) ? null : r.getString(r.fieldIndex("kept_id")),
                    r.getLong(r.fieldIndex("kept"))), r.getLong(r.fieldIndex("size")));
        }

        // 5. verdicts, written per shard by the tasks
        Dataset<Row> verdicts = members.join(info, "comp").select(col("shard"), col("ordinal"),
                when(col("node").equalTo(col("kept")), lit((int) Decisions.KEPT)).otherwise(lit((int) Decisions.REMOVED)).as("kind"),
                col("kept"), col("size"), col("kept_id"));
        String decisionsDir = DedupOutput.decisions(job.output()).toAbsolutePath().normalize().toString();
        DedupOutput.deleteTree(Path.of(decisionsDir));
        Files.createDirectories(Path.of(decisionsDir));
        verdicts.repartition(Math.max(1, Math.min(n, spark.sparkContext().defaultParallelism() * 4)), col("shard"))
                .foreachPartition((ForeachPartitionFunction<Row>) it -> writeDecisions(it, decisionsDir));
        stats.seconds.put("clusters", secs(t));

        // 6. reports, streamed to the driver in order
        if (job.settings().writeClusters) {
            Reports.clusters(members, info, DedupOutput.clustersDir(job.output()).resolve("clusters.jsonl.zst"));
        }
        if (job.settings().writePairs) {
            Reports.pairs(scored, docs, plan, DedupOutput.clustersDir(job.output()).resolve("pairs.tsv.zst"));
        }
        scored.unpersist();
        pairs.unpersist();
        info.unpersist();
        docs.unpersist();
        raw.unpersist();
        LOG.info("{}: {} clusters in {} large-star/small-star rounds", job.stage(), stats.clusters, cc.rounds());
        return stats;
    }

    /** (g, a, set of g, set of a) rows to (g, a, similarity). */
    static Iterator<Row> score(Iterator<Row> it, boolean exact) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() { return it.hasNext(); }

            @Override
            public Row next() {
                Row r = it.next();
                int[] x = SignedRows.ints((byte[]) r.get(2));
                int[] y = SignedRows.ints((byte[]) r.get(3));
                double sim = exact ? Jaccard.of(x, x.length, y, y.length) : Jaccard.agreement(x, y, Math.min(x.length, y.length));
                return RowFactory.create(r.getLong(0), r.getLong(1), (float) sim);
            }
        };
    }

    static String keptIdOf(String id, long g) {
        return id != null ? id : "#" + g;
    }

    private static void writeDecisions(Iterator<Row> it, String dir) throws IOException {
        Map<Integer, Decisions> byShard = new HashMap<>();
        while (it.hasNext()) {
            Row r = it.next();
            int shard = r.getInt(0);
            byte kind = (byte) r.getInt(2);
            long kept = r.getLong(3);
            String keptId = kind == Decisions.REMOVED ? keptIdOf(r.isNullAt(5) ? null : r.getString(5), kept) : null;
            byShard.computeIfAbsent(shard, x -> new Decisions()).add(r.getLong(1), kind, kept,
                    kind == Decisions.KEPT ? (int) r.getLong(4) : 0, keptId);
        }
        for (Map.Entry<Integer, Decisions> e : byShard.entrySet()) {
            e.getValue().sort();
            e.getValue().write(Decisions.file(Path.of(dir), e.getKey()));
        }
    }

    /** The output pass: one Spark task per input shard, each the local engine's task for that shard. */
    StageResult apply(SparkSession spark, DedupJob job) throws IOException {
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        StageJob applyJob = DedupOutput.applyJob(job, DedupOutput.decisions(job.output()));
        LocalExecutor.prepare(applyJob);
        int resumed = 0;
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < job.shards().size(); i++) {
            if (Files.exists(applyJob.layout().marker(i))) resumed++;
            else todo.add(i);
        }
        ApplySpec spec = ApplySpec.of(job);
        if (!todo.isEmpty()) {
            JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(todo, todo.size())
                    .foreach(i -> LocalExecutor.runShard(spec.job(), i));
        }
        return LocalExecutor.summarize(applyJob, started, resumed, (System.nanoTime() - t0) / 1e9);
    }

    private static double secs(long t) {
        return (System.nanoTime() - t) / 1e9;
    }
}
