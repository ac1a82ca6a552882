package io.winnow.dedup.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dedup section of stats.json: what the engine found, in the same shape for every engine. */
public final class DedupStats {
    public String engine;
    public JsonNode plan;
    public Map<String, Object> index = new LinkedHashMap<>();
    public long docs;
    public long noShingles;
    public long shingles;
    public long buckets;
    public long candidatePairs;
    public long acceptedPairs;
    /** Candidate pairs by similarity, ten bins of 0.1 (verified runs only). */
    public long[] similarity = new long[10];
    public long clusters;
    public long docsInClusters;
    public long removed;
    public long removedAsEarlierBatchDuplicates;
    /** Clusters by size: 2..10 one by one, then 11-100, 101-1000, >1000. */
    public final Map<String, Long> clusterSizes = new LinkedHashMap<>();
    public final List<Map<String, Object>> largest = new ArrayList<>();
    public final Map<String, Double> seconds = new LinkedHashMap<>();

    public void addCluster(long size) {
        clusters++;
        String k = size <= 10 ? Long.toString(size) : size <= 100 ? "11-100" : size <= 1000 ? "101-1000" : ">1000";
        clusterSizes.merge(k, 1L, Long::sum);
    }

    public void addSimilarity(double s) {
        similarity[Math.min(9, Math.max(0, (int) (s * 10)))]++;
    }

    /** Offers a cluster for the list of the ten largest (ties: lower cluster id first). */
    public void offerLargest(long cluster, String keptId, long size) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster", cluster);
        m.put("kept_id", keptId);
        m.put("size", size);
        largest.add(m);
        largest.sort((a, b) -> {
            int c = Long.compare((Long) b.get("size"), (Long) a.get("size"));
            return c != 0 ? c : Long.compare((Long) a.get("cluster"), (Long) b.get("cluster"));
        });
        if (largest.size() > 10) largest.remove(10);
    }

    public Map<String, Object> toMap(boolean verified) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", engine);
        m.put("plan", plan);
        if (!index.isEmpty()) m.put("index", index);
        m.put("docs", docs);
        m.put("no_shingles", noShingles);
        m.put("shingles", shingles);
        m.put("buckets", buckets);
        m.put("candidate_pairs", candidatePairs);
        m.put("accepted_pairs", acceptedPairs);
        m.put("rejected_pairs", candidatePairs - acceptedPairs);
        if (verified) {
            Map<String, Long> sim = new LinkedHashMap<>();
            for (int i = 0; i < 10; i++) sim.put(String.format(java.util.Locale.ROOT, "%.1f-%.1f", i / 10.0, (i + 1) / 10.0), similarity[i]);
            m.put("candidate_similarity", sim);
        }
        m.put("clusters", clusters);
        m.put("docs_in_clusters", docsInClusters);
        m.put("removed", removed);
        m.put("removed_as_earlier_batch_duplicates", removedAsEarlierBatchDuplicates);
        m.put("removed_fraction", docs == 0 ? 0.0 : (double) removed / docs);
        m.put("cluster_sizes", sortedSizes());
        m.put("largest_clusters", largest);
        m.put("seconds", seconds);
        return m;
    }

    private Map<String, Long> sortedSizes() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 2; i <= 10; i++) if (clusterSizes.containsKey(Integer.toString(i))) out.put(Integer.toString(i), clusterSizes.get(Integer.toString(i)));
        for (String k : List.of("11-100", "101-1000", ">1000")) if (clusterSizes.containsKey(k)) out.put(k, clusterSizes.get(k));
        return out;
    }
}
