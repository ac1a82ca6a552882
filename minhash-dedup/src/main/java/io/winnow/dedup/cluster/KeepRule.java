package io.winnow.dedup.cluster;

/**
 * Which document of a near-duplicate cluster survives. Ties (and the {@link #FIRST} rule itself)
 * go to the earliest document: lowest global number = earliest batch, then input shard, then
 * position in the shard. A document from an earlier batch always beats the current batch, since
 * it has been published already.
 */
public enum KeepRule {
    /** The earliest document. */
    FIRST,
    /** The longest text (UTF-8 bytes). */
    LONGEST,
    /** The highest {@code scores.quality} (missing counts as 0). */
    QUALITY;

    /** True when candidate (doc {@code g}, length, quality) beats the current best. */
    public boolean better(long g, long length, double quality, long bestG, long bestLength, double bestQuality) {
        switch (this) {
            case LONGEST -> {
                if (length != bestLength) return length > bestLength;
            }
            case QUALITY -> {
                if (quality != bestQuality) return quality > bestQuality;
            }
            default -> { }
        }
        return g < bestG;
    }
}
