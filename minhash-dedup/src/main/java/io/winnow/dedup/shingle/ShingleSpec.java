package io.winnow.dedup.shingle;

/**
 * What a shingle is: word n-grams or character n-grams (whitespace removed) of the normalized text.
 *
 * @param unit       word, char, or auto (char n-grams of {@code cjkSize} for documents that are
 *                   mostly CJK, word n-grams of {@code size} otherwise)
 * @param size       n of the n-grams
 * @param normalize  simplifications applied before shingling
 * @param segmenter  word segmentation (word and auto units)
 * @param cjkSize    n of the character n-grams the auto unit uses for CJK documents
 */
public record ShingleSpec(Unit unit, int size, ShingleNormalizer.Options normalize, Segmenter segmenter, int cjkSize)
        implements java.io.Serializable {
    public enum Unit { WORD, CHAR, AUTO }

    /** Share of CJK characters (of the non-space characters) from which the auto unit uses character n-grams. */
    public static final double CJK_RATIO = 0.2;

    public ShingleSpec {
        if (size < 1) throw new IllegalArgumentException("shingle size must be at least 1, got " + size);
        if (cjkSize < 1) throw new IllegalArgumentException("cjk shingle size must be at least 1, got " + cjkSize);
    }

    public static ShingleSpec words(int n) {
        return new ShingleSpec(Unit.WORD, n, ShingleNormalizer.Options.DATATROVE, Segmenter.AUTO, 5);
    }

    public static ShingleSpec chars(int n) {
        return new ShingleSpec(Unit.CHAR, n, ShingleNormalizer.Options.DATATROVE, Segmenter.AUTO, n);
    }

    /** A new shingler for this spec; shinglers hold per-thread state. */
    public Shingler newShingler() {
        return new Shingler(this);
    }
}
