package io.winnow.dedup.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Labelled near-duplicate pairs: a TSV {@code doc_id_a  doc_id_b  jaccard} with a header row, as
 * the shared corpora's {@code pairs_j0.7.tsv} (every pair at or above the file's floor, exact
 * Jaccard). Pairs are unordered.
 */
public final class GroundTruth {
    private final Map<String, Map<String, Double>> pairs = new HashMap<>();
    private long count;

    /** Reads the pairs; when {@code docs} is not null, only pairs with both documents in it. */
    public static GroundTruth read(Path tsv, Set<String> docs) throws IOException {
        GroundTruth g = new GroundTruth();
        try (BufferedReader r = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            String line = r.readLine(); // header
            if (line == null || !line.startsWith("doc_id_a")) throw new IOException(tsv + ": expected a header row doc_id_a, doc_id_b, jaccard");
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                String[] f = line.split("\t");
                if (f.length != 3) throw new IOException(tsv + ":" + n + ": expected 3 tab-separated fields");
                if (docs != null && !(docs.contains(f[0]) && docs.contains(f[1]))) continue;
                g.add(f[0], f[1], Double.parseDouble(f[2]));
            }
        }
        return g;
    }

    void add(String a, String b, double j) {
        if (pairs.computeIfAbsent(a, k -> new HashMap<>()).put(b, j) == null) count++;
        pairs.computeIfAbsent(b, k -> new HashMap<>()).put(a, j);
    }

    /** The labelled Jaccard of a pair, or 0 when the pair is below the file's floor. */
    public double jaccard(String a, String b) {
        Map<String, Double> m = pairs.get(a);
        if (m == null) return 0;
        Double j = m.get(b);
        return j == null ? 0 : j;
    }

    /** Whether the document has a partner at or above {@code min}. */
    public boolean hasPartner(String a, double min) {
        Map<String, Double> m = pairs.get(a);
        if (m == null) return false;
        for (double j : m.values()) if (j >= min) return true;
        return false;
    }

    public long size() { return count; }

    /** Visits every pair once. */
    public void forEach(PairVisitor v) {
        for (Map.Entry<String, Map<String, Double>> e : pairs.entrySet()) {
            for (Map.Entry<String, Double> f : e.getValue().entrySet()) {
                if (e.getKey().compareTo(f.getKey()) < 0) v.visit(e.getKey(), f.getKey(), f.getValue());
            }
        }
    }

    @FunctionalInterface
    public interface PairVisitor {
        void visit(String a, String b, double jaccard);
    }
}
