package io.winnow.dedup;

import io.winnow.dedup.lsh.BandLayout;
import io.winnow.dedup.shingle.ShingleSpec;

/**
 * Published parameterizations of MinHash/LSH near-dup removal (see the README for sources).
 * A preset supplies defaults; every value can be overridden one by one.
 */
public enum Preset {
    /**
     * datatrove / FineWeb: word 5-grams, 14 bands × 8 rows (112 permutations), 64-bit hashes, seed 1.
     * Mostly-CJK documents use character 5-grams (unit auto) unless {@code shingle.unit: word}.
     */
    FINEWEB(ShingleSpec.Unit.AUTO, 5, new BandLayout(14, 8), 112, 1L, 0.75),
    /** NeMo Curator: character 24-grams, 20 bands × 13 rows (260 permutations), seed 42, Jaccard 0.8. */
    NEMO(ShingleSpec.Unit.CHAR, 24, new BandLayout(20, 13), 260, 42L, 0.8),
    /** RedPajama v2: word 13-grams, 128 permutations, bands and rows optimized for the threshold (unit auto as fineweb). */
    RP2(ShingleSpec.Unit.AUTO, 13, null, 128, 42L, 0.7);

    public final ShingleSpec.Unit unit;
    public final int shingleSize;
    /** Fixed layout, or null when it is optimized for the threshold. */
    public final BandLayout layout;
    public final int numPerm;
    public final long seed;
    public final double threshold;

    Preset(ShingleSpec.Unit unit, int shingleSize, BandLayout layout, int numPerm, long seed, double threshold) {
        this.unit = unit;
        this.shingleSize = shingleSize;
        this.layout = layout;
        this.numPerm = numPerm;
        this.seed = seed;
        this.threshold = threshold;
    }

    public static Preset parse(String name) {
        for (Preset p : values()) if (p.name().equalsIgnoreCase(name)) return p;
        throw new IllegalArgumentException("preset must be fineweb, nemo or rp2, got '" + name + "'");
    }
}
