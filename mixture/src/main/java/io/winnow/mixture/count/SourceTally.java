package io.winnow.mixture.count;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the count pass found for one source (in one shard, or summed over all): documents, tokens
 * (end-of-document token included), text bytes, weighted tokens (sum of weight x tokens), and a histogram
 * of weights so the sampler can find the scale that hits a token target when some documents would need
 * more than {@code max_epochs} copies. Also counts the documents each filter rule turned away.
 */
public final class SourceTally {
    /** Histogram bins over weights 1e-12 .. 1e12, log-spaced (ratio ~1.027 between bin edges). */
    public static final int BINS = 2048;
    private static final double LOG_MIN = -12, LOG_SPAN = 24;

    public long docs;
    public long tokens;
    public long bytes;
    public double weightedTokens;
    public long zeroWeightDocs;
    public long emptyDocs;
    public double maxWeight;
    final double[] binTokens = new double[BINS];
    final double[] binWeighted = new double[BINS];
    public final Map<String, Long> filtered = new TreeMap<>();

    /** Adds one document of the source; zero-token documents are counted apart and never sampled. */
    public void add(int tokenCount, int byteCount, double weight) {
        if (tokenCount == 0) {
            emptyDocs++;
            return;
        }
        docs++;
        tokens += tokenCount;
        bytes += byteCount;
        if (weight <= 0) {
            zeroWeightDocs++;
            return;
        }
        weightedTokens += weight * tokenCount;
        maxWeight = Math.max(maxWeight, weight);
        int b = bin(weight);
        binTokens[b] += tokenCount;
        binWeighted[b] += weight * tokenCount;
    }

    public void rejected(String rule) {
        filtered.merge(rule, 1L, Long::sum);
    }

    static int bin(double w) {
        int b = (int) Math.floor((Math.log10(w) - LOG_MIN) * BINS / LOG_SPAN);
        return Math.max(0, Math.min(BINS - 1, b));
    }

    static double binLow(int b) { return Math.pow(10, LOG_MIN + b * LOG_SPAN / BINS); }

    static double binHigh(int b) { return Math.pow(10, LOG_MIN + (b + 1) * LOG_SPAN / BINS); }

    public void addAll(SourceTally o) {
        docs += o.docs;
        tokens += o.tokens;
        bytes += o.bytes;
        weightedTokens += o.weightedTokens;
        zeroWeightDocs += o.zeroWeightDocs;
        emptyDocs += o.emptyDocs;
        maxWeight = Math.max(maxWeight, o.maxWeight);
        for (int i = 0; i < BINS; i++) {
            binTokens[i] += o.binTokens[i];
            binWeighted[i] += o.binWeighted[i];
        }
        o.filtered.forEach((k, v) -> filtered.merge(k, v, Long::sum));
    }

    /**
     * Expected tokens when every document is sampled {@code min(cap, scale x weight)} times, from the
     * histogram (exact unless the cap falls inside a bin; then within the bin's 2.7 % weight spread).
     */
    public double expectedTokens(double scale, double cap) {
        if (scale * maxWeight <= cap) return scale * weightedTokens;
        double e = 0;
        for (int b = 0; b < BINS; b++) {
            if (binTokens[b] == 0) continue;
            e += Math.min(scale * binWeighted[b], cap * binTokens[b]);
        }
        return e;
    }

    /**
     * Expected tokens of the source in the mix when a share {@code valid} of its documents is held out for
     * validation (taken at most once: {@code min(1, scale x weight)}) and the rest is sampled
     * {@code min(cap, scale x weight)} times.
     */
    public double expectedTokens(double scale, double cap, double valid) {
        if (valid == 0) return expectedTokens(scale, cap);
        return (1 - valid) * expectedTokens(scale, cap) + valid * expectedTokens(scale, 1);
    }

    /** Tokens that can be sampled at all (documents of positive weight). */
    public double sampleableTokens() {
        double t = 0;
        for (int b = 0; b < BINS; b++) t += binTokens[b];
        return t;
    }

    /** The most tokens the source can give: every document at the cap (validation documents once). */
    public double maxTokens(double cap, double valid) {
        return ((1 - valid) * cap + valid) * sampleableTokens();
    }

    /**
     * The scale at which the expected tokens equal {@code target}: {@code target / weightedTokens} when no
     * document would pass 1 copy (or the cap, without validation), otherwise found by bisection on the histogram.
     * The target must not exceed {@link #maxTokens}.
     */
    public double scaleFor(double target, double cap, double valid) {
        if (target <= 0) return 0;
        double s = target / weightedTokens;
        if (s * maxWeight <= (valid > 0 ? 1 : cap)) return s;
        double lo = s, hi = s;
        while (expectedTokens(hi, cap, valid) < target && hi < 1e300) hi *= 2;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (expectedTokens(mid, cap, valid) < target) lo = mid; else hi = mid;
        }
        return hi;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("docs", docs);
        m.put("tokens", tokens);
        m.put("bytes", bytes);
        m.put("weighted_tokens", weightedTokens);
        m.put("zero_weight_docs", zeroWeightDocs);
        m.put("empty_docs", emptyDocs);
        m.put("max_weight", maxWeight);
        m.put("filtered", filtered);
        List<double[]> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) if (binTokens[b] != 0) bins.add(new double[] {b, binTokens[b], binWeighted[b]});
        m.put("weight_histogram", bins);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static SourceTally fromMap(Map<String, Object> m) {
        SourceTally t = new SourceTally();
        t.docs = ((Number) m.get("docs")).longValue();
        t.tokens = ((Number) m.get("tokens")).longValue();
        t.bytes = ((Number) m.get("bytes")).longValue();
        t.weightedTokens = ((Number) m.get("weighted_tokens")).doubleValue();
        t.zeroWeightDocs = ((Number) m.get("zero_weight_docs")).longValue();
        t.emptyDocs = ((Number) m.get("empty_docs")).longValue();
        t.maxWeight = ((Number) m.get("max_weight")).doubleValue();
        ((Map<String, Object>) m.get("filtered")).forEach((k, v) -> t.filtered.put(k, ((Number) v).longValue()));
        for (List<Number> b : (List<List<Number>>) m.get("weight_histogram")) {
            int i = b.get(0).intValue();
            t.binTokens[i] = b.get(1).doubleValue();
            t.binWeighted[i] = b.get(2).doubleValue();
        }
        return t;
    }
}
