package io.winnow.dedup;

import io.winnow.core.doc.Document;
import io.winnow.dedup.lsh.BandLayout;
import io.winnow.dedup.minhash.MinHasher;
import io.winnow.dedup.shingle.LongBuffer;
import io.winnow.dedup.shingle.Shingler;
import java.util.Arrays;

/**
 * What every engine computes per document: shingles → MinHash signature → one bucket key per
 * band, plus the set verification compares (sorted 32-bit shingle hashes, or the signature cut to
 * 32 bits). One instance per thread; the same code runs in the local engine and in Spark tasks.
 */
public final class DocSigner {
    /** Sets kept for verification. */
    public static final String SHINGLES = "shingles";
    public static final String SIGNATURE = "signature";
    public static final String NONE = "none";

    /**
     * One document's result.
     *
     * @param keys bucket keys, one per band; null when the document has no shingle (it is never a duplicate)
     * @param set  what verification compares, or null
     */
    public record Signed(String id, int textBytes, double quality, int[] set, long[] keys, int shingles) {}

    private final DedupPlan plan;
    private final String setsKind;
    private final MinHasher hasher;
    private final Shingler shingler;
    private final LongBuffer buf = new LongBuffer(4096);
    private final long[] sig;
    private int[] scratch = new int[4096];

    public DocSigner(DedupPlan plan, String setsKind, MinHasher hasher) {
        this.plan = plan;
        this.setsKind = setsKind;
        this.hasher = hasher;
        this.shingler = plan.shingles().newShingler();
        this.sig = new long[plan.numPerm()];
    }

    public Signed sign(Document d) {
        int n = shingler.shingle(d.text(), buf);
        double quality = quality(d);
        if (n == 0) return new Signed(d.id(), d.textBytes(), quality, null, null, 0);
        hasher.signature(buf.array(), n, sig);
        BandLayout layout = plan.layout();
        long[] keys = new long[layout.bands()];
        layout.keys(sig, keys);
        int[] set = null;
        if (setsKind.equals(SHINGLES)) {
            if (scratch.length < n) scratch = new int[Math.max(n, scratch.length * 2)];
            int[] s = scratch;
            long[] h = buf.array();
            for (int i = 0; i < n; i++) s[i] = (int) (h[i] >>> 32);
            Arrays.sort(s, 0, n);
            int len = 1;
            for (int i = 1; i < n; i++) if (s[i] != s[len - 1]) s[len++] = s[i];
            set = Arrays.copyOf(s, len);
        } else if (setsKind.equals(SIGNATURE)) {
            set = new int[sig.length];
            for (int i = 0; i < set.length; i++) set[i] = (int) sig[i];
        }
        return new Signed(d.id(), d.textBytes(), quality, set, keys, n);
    }

    /** {@code scores.quality}, 0 when missing. */
    public static double quality(Document d) {
        Number q = d.hasScores() ? d.scores().get("quality") : null;
        return q == null ? 0 : q.doubleValue();
    }
}
