package io.winnow.dedup.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.doc.Document;
import io.winnow.core.shard.ShardReader;
import io.winnow.core.shard.ShardWriter;
import io.winnow.core.testing.Corpora;
import io.winnow.dedup.TestDocs;
import io.winnow.dedup.cluster.UnionFind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accuracy on the real ground-truth sets of the shared corpora (exact Jaccard of every pair at
 * J >= 0.7): recall of pairs with J >= 0.8 and precision of the accepted pairs against J >= 0.7,
 * both at least 0.95 with the default settings (verification on). CI runs a subset: whole
 * ground-truth clusters drawn at random plus documents with no labelled partner; the full sets
 * are measured by the bench (bench/results/minhash-accuracy.md).
 */
class AccuracyTest {
    @TempDir Path tmp;

    @Test
    void englishMailAndHtmlSubset() throws Exception {
        check("neardup", 0.25, 2500);
    }

    @Test
    void chineseTangPoemsSubset() throws Exception {
        check("neardup_zh_poetry", 0.12, 6000);
    }

    private void check(String set, double clusterShare, int loners) throws Exception {
        Path dir = Corpora.dir().resolve(set);
        Set<String> subset = subset(dir, clusterShare, loners);
        Path in = tmp.resolve("in");
        List<Document> docs = new ArrayList<>();
        try (ShardReader r = new ShardReader(dir.resolve("docs.jsonl"), 64 << 20, b -> { })) {
            Document d;
            while ((d = r.next()) != null) if (subset.contains(d.id())) docs.add(d);
        }
        Files.createDirectories(in);
        for (int s = 0; s < 3; s++) {
            try (ShardWriter w = new ShardWriter(in.resolve("part-" + s + ".jsonl.zst"), -1)) {
                for (int i = s; i < docs.size(); i += 3) w.write(docs.get(i));
                w.commit();
            }
        }
        Path out = tmp.resolve("out");
        TestDocs.stage("write_pairs: true\n").run(List.of(in), out, TestDocs.options(2));
        GroundTruth truth = GroundTruth.read(dir.resolve("pairs_j0.7.tsv"), subset);
        Map<String, Object> score = Accuracy.score(out, truth, 0.8, 0.7);
        System.out.println(set + " subset of " + docs.size() + " documents: " + score);
        assertTrue(truth.size() > 500, "the subset has labelled pairs: " + truth.size());
        assertTrue((double) score.get("recall") >= 0.95, "recall " + score);
        assertTrue((double) score.get("precision") >= 0.95, "precision " + score);
    }

    /** Every document of a random share of the ground-truth clusters, plus random documents without a labelled partner. */
    static Set<String> subset(Path dir, double clusterShare, int loners) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("pairs_j0.7.tsv"));
        Map<String, Long> num = new HashMap<>();
        List<String> names = new ArrayList<>();
        UnionFind uf = new UnionFind();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t");
            long a = num.computeIfAbsent(f[0], k -> { names.add(k); return (long) names.size() - 1; });
            long b = num.computeIfAbsent(f[1], k -> { names.add(k); return (long) names.size() - 1; });
            uf.union(a, b);
        }
        Map<Long, Boolean> pick = new HashMap<>();
        SplittableRandom r = new SplittableRandom(2024);
        Set<String> out = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            long root = uf.find(i);
            if (pick.computeIfAbsent(root, k -> r.nextDouble() < clusterShare)) out.add(names.get(i));
        }
        List<String> ids = new ArrayList<>();
        try (ShardReader rd = new ShardReader(dir.resolve("docs.jsonl"), 64 << 20, b -> { })) {
            Document d;
            while ((d = rd.next()) != null) if (!num.containsKey(d.id())) ids.add(d.id());
        }
        for (int i = 0; i < loners && !ids.isEmpty(); i++) out.add(ids.remove(r.nextInt(ids.size())));
        return out;
    }
}
