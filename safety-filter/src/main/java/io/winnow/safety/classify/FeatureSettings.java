package io.winnow.safety.classify;

/**
 * How text becomes features; stored in the model so scoring uses exactly the training settings.
 *
 * @param buckets    size of the hashed feature space (a power of two)
 * @param wordNgrams word n-grams up to this length (1: words only; 2: also pairs of adjacent words)
 * @param minChars   shortest character n-gram inside a word (0: none)
 * @param maxChars   longest character n-gram inside a word
 * @param maxTokens  tokens read per document (the rest is ignored: bounded time per document)
 */
public record FeatureSettings(int buckets, int wordNgrams, int minChars, int maxChars, int maxTokens) {
    public static final FeatureSettings DEFAULT = new FeatureSettings(1 << 20, 2, 3, 5, 5000);

    public FeatureSettings {
        if (buckets < 16 || Integer.bitCount(buckets) != 1) throw new IllegalArgumentException("buckets must be a power of two >= 16, got " + buckets);
        if (wordNgrams < 1 || wordNgrams > 5) throw new IllegalArgumentException("word n-grams must be 1..5, got " + wordNgrams);
        if (minChars < 0 || maxChars < minChars || maxChars > 10) throw new IllegalArgumentException("character n-grams must satisfy 0 <= min <= max <= 10");
        if (maxTokens < 1) throw new IllegalArgumentException("max tokens must be positive");
    }
}
