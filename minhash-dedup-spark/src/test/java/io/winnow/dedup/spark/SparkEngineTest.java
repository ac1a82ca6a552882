package io.winnow.dedup.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.exec.StageResult;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.Compression;
import io.winnow.core.shard.ShardReader;
import io.winnow.core.shard.ShardWriter;
import io.winnow.core.stage.Stage;
import io.winnow.core.testing.Corpora;
import io.winnow.core.testing.StageOutputs;
import io.winnow.core.util.AtomicFiles;
import io.winnow.dedup.DedupStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark engine in local[2]: one session for the whole class. */
class SparkEngineTest {
    static SparkSession spark;
    @TempDir static Path tmp;
    static Path input;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("winnow-dedup-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        input = realShards();
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    /**
     * Four shards from the real near-duplicate sets: every document of 40 ground-truth clusters of the
     * English set and of 150 of the Chinese poems set (in input order) plus 1,500 other documents.
     */
    static Path realShards() throws Exception {
        Path dir = tmp.resolve("in");
        Files.createDirectories(dir);
        List<Document> docs = new ArrayList<>();
        for (String set : List.of("neardup", "neardup_zh_poetry")) {
            java.util.Set<String> keep = new java.util.HashSet<>();
            List<String> lines = Files.readAllLines(Corpora.file(set + "/pairs_j0.7.tsv"));
            SplittableRandom r = new SplittableRandom(5);
            int want = set.equals("neardup") ? 40 : 150;
            for (int i = 1; i < lines.size() && keep.size() < 2 * want; i++) {
                if (r.nextInt(set.equals("neardup") ? 200 : 100) != 0) continue;
                String[] f = lines.get(i).split("\t");
                keep.add(f[0]);
                keep.add(f[1]);
            }
            // partners of the chosen documents, one hop, so clusters are whole
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split("\t");
                if (keep.contains(f[0]) || keep.contains(f[1])) {
                    keep.add(f[0]);
                    keep.add(f[1]);
                }
            }
            int others = 0;
            try (ShardReader rd = new ShardReader(Corpora.file(set + "/docs.jsonl"), 64 << 20, b -> { })) {
                Document d;
                while ((d = rd.next()) != null) {
                    boolean pick = keep.contains(d.id());
                    if (!pick && others < 750 && r.nextInt(20) == 0) {
                        pick = true;
                        others++;
                    }
                    if (pick) docs.add(d);
                }
            }
        }
        for (int s = 0; s < 4; s++) {
            try (ShardWriter w = new ShardWriter(dir.resolve("part-" + s + ".jsonl.zst"), -1)) {
                for (int i = s; i < docs.size(); i += 4) w.write(docs.get(i));
                w.commit();
            }
        }
        return dir;
    }

    static RunOptions options(int workers) {
        return new RunOptions(workers, 42, Compression.ZSTD, -1, 64 << 20, 1 << 20, false, false, Progress.Mode.OFF);
    }

    static Stage stage(String yaml) throws Exception {
        Path c = Files.createTempFile(tmp, "dedup", ".yaml");
        Files.writeString(c, yaml);
        return new DedupStage().bind(Config.load(c));
    }

    @Test
    void sparkAndLocalKeepExactlyTheSameDocuments() throws Exception {
        for (String preset : List.of("preset: fineweb\nshingle: {unit: auto}\nwrite_pairs: true", "preset: nemo\nverify: {method: none}\nkeep: longest")) {
            Path local = tmp.resolve("local-" + preset.hashCode());
            Path dist = tmp.resolve("spark-" + preset.hashCode());
            StageResult lr = stage(preset + "\nengine: local\n").run(List.of(input), local, options(2));
            StageResult sr = stage(preset + "\nengine: spark\n").run(List.of(input), dist, options(2));
            assertTrue(lr.docsRejected() > 100, "the sample has near-duplicates: " + lr.summary());
            assertEquals(lr.docsKept(), sr.docsKept());
            // same kept and rejected documents, byte for byte (verdicts, cluster ids, kept ids, scores)
            StageOutputs.assertSame(StageOutputs.contents(local), StageOutputs.contents(dist));
            JsonNode ls = AtomicFiles.json().readTree(local.resolve("stats.json").toFile()).get("dedup");
            JsonNode ss = AtomicFiles.json().readTree(dist.resolve("stats.json").toFile()).get("dedup");
            for (String k : List.of("docs", "no_shingles", "shingles", "buckets", "candidate_pairs", "accepted_pairs", "clusters",
                    "docs_in_clusters", "removed", "cluster_sizes", "largest_clusters", "candidate_similarity")) {
                assertEquals(ls.get(k), ss.get(k), k);
            }
            assertEquals("spark", ss.get("engine").asText());
            assertEquals(zstd(local.resolve("clusters/clusters.jsonl.zst")), zstd(dist.resolve("clusters/clusters.jsonl.zst")));
            if (preset.contains("write_pairs")) {
                assertEquals(zstd(local.resolve("clusters/pairs.tsv.zst")), zstd(dist.resolve("clusters/pairs.tsv.zst")));
            }
        }
    }

    @Test
    void largeStarSmallStarFindsTheComponents() {
        // a path 9-8-...-1, a triangle 20-21-22 with a tail 23, and a star around 30
        List<Row> e = new ArrayList<>();
        for (long i = 1; i < 9; i++) e.add(RowFactory.create(i + 1, i));
        e.add(RowFactory.create(20L, 21L));
        e.add(RowFactory.create(21L, 22L));
        e.add(RowFactory.create(22L, 20L));
        e.add(RowFactory.create(23L, 22L));
        for (long i = 31; i < 36; i++) e.add(RowFactory.create(30L, i));
        Dataset<Row> edges = spark.createDataFrame(e, new StructType().add("a", DataTypes.LongType).add("b", DataTypes.LongType));
        ConnectedComponents.Result r = ConnectedComponents.of(edges, 20);
        Map<Long, Long> comp = new java.util.HashMap<>();
        for (Row row : r.members().collectAsList()) comp.put(row.getLong(0), row.getLong(1));
        for (long i = 1; i <= 9; i++) assertEquals(1L, comp.get(i));
        for (long i = 20; i <= 23; i++) assertEquals(20L, comp.get(i));
        for (long i = 30; i < 36; i++) assertEquals(30L, comp.get(i));
        assertEquals(9 + 4 + 6, comp.size());
    }

    @Test
    void indexIsRefusedWithAClearError() throws Exception {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(io.winnow.core.config.ConfigException.class,
                () -> stage("engine: spark\nindex: " + tmp.resolve("idx") + "\n").run(List.of(input), tmp.resolve("x"), options(1)));
        assertTrue(e.getMessage().contains("no persistent index"), e.getMessage());
    }

    static String zstd(Path p) throws Exception {
        try (var in = Compression.ZSTD.decode(Files.newInputStream(p))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
