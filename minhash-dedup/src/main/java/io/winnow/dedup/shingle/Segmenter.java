package io.winnow.dedup.shingle;

/** How text is cut into words for word shingles. */
public enum Segmenter {
    /** Lucene's StandardTokenizer (Unicode UAX #29 word breaks); one token per CJK ideograph. */
    STANDARD,
    /** Lucene's ICUTokenizer: UAX #29 plus dictionary segmentation of Chinese, Japanese, Thai, Lao, Khmer, Myanmar. */
    ICU,
    /** ICU for text that contains a script written without spaces, StandardTokenizer otherwise (the fast path). */
    AUTO,
    /** Split on whitespace only (how the shared corpora's ground truth cuts words). */
    WHITESPACE
}
