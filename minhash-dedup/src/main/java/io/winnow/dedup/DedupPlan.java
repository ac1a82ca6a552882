package io.winnow.dedup;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winnow.dedup.cluster.KeepRule;
import io.winnow.dedup.lsh.BandLayout;
import io.winnow.dedup.lsh.BandOptimizer;
import io.winnow.dedup.minhash.MinHasher;
import io.winnow.dedup.shingle.Segmenter;
import io.winnow.dedup.shingle.ShingleNormalizer;
import io.winnow.dedup.shingle.ShingleSpec;
import io.winnow.dedup.verify.VerifyMethod;
import java.io.Serializable;
import java.util.Locale;

/**
 * The resolved parameters of a dedup run: preset defaults with the settings' overrides applied.
 * The same plan gives the same signatures, buckets and clusters on any engine.
 *
 * @param bucketAnchors the lowest-numbered documents of each LSH bucket that every later member is compared with
 */
public record DedupPlan(String preset, ShingleSpec shingles, int numPerm, long seed, BandLayout layout, double threshold,
                        VerifyMethod verify, double verifyThreshold, int bucketAnchors, KeepRule keep) implements Serializable {

    public DedupPlan {
        if (layout.permutations() > numPerm) {
            throw new IllegalArgumentException("bands x rows (" + layout.bands() + " x " + layout.rows() + " = "
                    + layout.permutations() + ") exceeds num_perm (" + numPerm + ")");
        }
        if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        if (!(verifyThreshold >= 0 && verifyThreshold <= 1)) {
            throw new IllegalArgumentException("verify.threshold must be in [0, 1], got " + verifyThreshold);
        }
        if (bucketAnchors < 1) throw new IllegalArgumentException("verify.bucket_anchors must be at least 1, got " + bucketAnchors);
    }

    public static DedupPlan of(DedupSettings s) {
        Preset p = Preset.parse(s.preset);
        DedupSettings.Shingle sh = s.shingle;
        ShingleSpec.Unit unit = sh.unit == null ? p.unit : parse(ShingleSpec.Unit.class, sh.unit, "shingle.unit", "word, char or auto");
        int size = sh.size != null ? sh.size : p.shingleSize;
        int cjkSize = sh.cjkSize != null ? sh.cjkSize : 5;
        Segmenter seg = parse(Segmenter.class, sh.segmenter, "shingle.segmenter", "auto, standard, icu or whitespace");
        ShingleNormalizer.Options norm = new ShingleNormalizer.Options(sh.normalize.lowercase, sh.normalize.punctuation,
                sh.normalize.accents, sh.normalize.digits);
        if (size < 1) throw new IllegalArgumentException("shingle.size must be at least 1, got " + size);
        if (cjkSize < 1) throw new IllegalArgumentException("shingle.cjk_size must be at least 1, got " + cjkSize);
        ShingleSpec spec = new ShingleSpec(unit, size, norm, seg, cjkSize);

        double threshold = s.threshold != null ? s.threshold : p.threshold;
        if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        if (s.numPerm != null && s.numPerm < 1) throw new IllegalArgumentException("num_perm must be at least 1, got " + s.numPerm);
        BandLayout layout;
        int numPerm;
        if (s.bands != null || s.rows != null) {
            if (s.bands == null || s.rows == null) throw new IllegalArgumentException("set both bands and rows, or neither");
            layout = new BandLayout(s.bands, s.rows);
            numPerm = s.numPerm != null ? s.numPerm : layout.permutations();
        } else if (p.layout != null && s.numPerm == null && s.threshold == null) {
            layout = p.layout;
            numPerm = p.numPerm;
        } else {
            numPerm = s.numPerm != null ? s.numPerm : p.numPerm;
            layout = BandOptimizer.optimal(threshold, numPerm);
        }
        VerifyMethod verify = parse(VerifyMethod.class, s.verify.method, "verify.method", "exact, signature or none");
        double vt = s.verify.threshold != null ? s.verify.threshold : threshold;
        int anchors = s.verify.bucketAnchors != null ? s.verify.bucketAnchors : (verify == VerifyMethod.NONE ? 1 : 3);
        KeepRule keep = parse(KeepRule.class, s.keep, "keep", "first, longest or quality");
        long seed = s.seed != null ? s.seed : p.seed;
        return new DedupPlan(p.name().toLowerCase(Locale.ROOT), spec, numPerm, seed, layout, threshold, verify, vt, anchors, keep);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String key, String allowed) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(key + " must be " + allowed + ", got '" + value + "'");
        }
    }

    public MinHasher minHasher() {
        return new MinHasher(numPerm, seed);
    }

    /** What an index built with this plan depends on: shingles, permutations and bands (not verification or keep). */
    public ObjectNode indexIdentity() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("shingle_unit", shingles.unit().name().toLowerCase(Locale.ROOT));
        n.put("shingle_size", shingles.size());
        n.put("cjk_size", shingles.cjkSize());
        n.put("segmenter", shingles.segmenter().name().toLowerCase(Locale.ROOT));
        ShingleNormalizer.Options o = shingles.normalize();
        n.put("normalize", (o.lowercase() ? "L" : "-") + (o.punctuation() ? "P" : "-") + (o.accents() ? "A" : "-") + (o.digits() ? "D" : "-"));
        n.put("num_perm", numPerm);
        n.put("seed", seed);
        n.put("bands", layout.bands());
        n.put("rows", layout.rows());
        n.put("bucket_anchors", bucketAnchors);
        return n;
    }

    /** What each document keeps for verification: its shingle set, its signature, or nothing. */
    public String setsKind() {
        return switch (verify) {
            case EXACT -> "shingles";
            case SIGNATURE -> "signature";
            case NONE -> "none";
        };
    }

    /** A readable summary for logs and stats. */
    public ObjectNode describe() {
        ObjectNode n = indexIdentity();
        n.put("preset", preset);
        n.put("threshold", threshold);
        n.put("lsh_threshold", Math.round(layout.threshold() * 1000) / 1000.0);
        n.put("p_candidate_at_threshold", Math.round(layout.probability(threshold) * 1000) / 1000.0);
        n.put("verify", verify.name().toLowerCase(Locale.ROOT));
        n.put("verify_threshold", verifyThreshold);
        n.put("keep", keep.name().toLowerCase(Locale.ROOT));
        return n;
    }
}
