package io.winnow.dedup.eval;

import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import io.winnow.core.shard.Compression;
import io.winnow.dedup.output.DecisionStep;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scores a {@code winnow dedup} output against {@link GroundTruth}:
 * <ul>
 * <li>recall: share of labelled pairs with J ≥ {@code recallAt} whose two documents end in the same cluster;
 * <li>precision: share of the pairs the engine accepted (OUT/clusters/pairs.tsv.zst, written with
 *     {@code write_pairs: true}) whose labelled Jaccard is ≥ {@code precisionAt};
 * <li>removed precision (datatrove's measure): share of removed documents with a labelled partner ≥ {@code precisionAt};
 * <li>cluster precision: share of all pairs inside the clusters whose labelled Jaccard is ≥ {@code precisionAt}.
 * </ul>
 */
public final class Accuracy {
    private Accuracy() {}

    public static Map<String, Object> score(Path out, GroundTruth truth, double recallAt, double precisionAt) throws IOException {
        Map<String, Long> cluster = new HashMap<>();
        Map<Long, List<String>> members = new HashMap<>();
        long kept = 0, removed = 0, removedWithPartner = 0;
        for (String sub : List.of("kept", "rejected")) {
            for (Path shard : shards(out.resolve(sub))) {
                try (BufferedReader r = reader(shard)) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.isBlank()) continue;
                        Document d = DocumentJson.parse(line);
                        Object c = d.hasMetadata() ? d.metadata().get(DecisionStep.CLUSTER) : null;
                        if (c != null) {
                            long id = ((Number) c).longValue();
                            cluster.put(d.id(), id);
                            members.computeIfAbsent(id, k -> new ArrayList<>()).add(d.id());
                        }
                        if (sub.equals("kept")) {
                            kept++;
                        } else {
                            removed++;
                            if (truth.hasPartner(d.id(), precisionAt)) removedWithPartner++;
                        }
                    }
                }
            }
        }
        long[] rec = new long[2];
        truth.forEach((a, b, j) -> {
            if (j < recallAt) return;
            rec[0]++;
            Long ca = cluster.get(a);
            if (ca != null && ca.equals(cluster.get(b))) rec[1]++;
        });
        long accepted = 0, acceptedTrue = 0;
        Path pairs = out.resolve("clusters/pairs.tsv.zst");
        if (Files.exists(pairs)) {
            try (BufferedReader r = reader(pairs)) {
                String line = r.readLine();
                while ((line = r.readLine()) != null) {
                    String[] f = line.split("\t");
                    if (!f[3].equals("1")) continue;
                    accepted++;
                    if (truth.jaccard(f[0], f[1]) >= precisionAt) acceptedTrue++;
                }
            }
        }
        long clusterPairs = 0, clusterPairsTrue = 0;
        for (List<String> m : members.values()) {
            for (int i = 0; i < m.size(); i++) {
                for (int k = i + 1; k < m.size(); k++) {
                    clusterPairs++;
                    if (truth.jaccard(m.get(i), m.get(k)) >= precisionAt) clusterPairsTrue++;
                }
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("docs_kept", kept);
        s.put("docs_removed", removed);
        s.put("truth_pairs_at_recall_level", rec[0]);
        s.put("recall", ratio(rec[1], rec[0]));
        s.put("accepted_pairs", accepted);
        s.put("precision", Files.exists(pairs) ? ratio(acceptedTrue, accepted) : null);
        s.put("removed_precision", ratio(removedWithPartner, removed));
        s.put("cluster_pairs", clusterPairs);
        s.put("cluster_precision", ratio(clusterPairsTrue, clusterPairs));
        return s;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 1.0 : (double) a / b;
    }

    private static BufferedReader reader(Path p) throws IOException {
        return new BufferedReader(new InputStreamReader(Compression.of(p) == null ? Compression.ZSTD.decode(Files.newInputStream(p))
                : Compression.of(p).decode(Files.newInputStream(p)), StandardCharsets.UTF_8), 1 << 16);
    }

    private static List<Path> shards(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> Compression.of(p) != null)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }
}
