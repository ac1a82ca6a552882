package io.winnow.dedup.verify;

/** How a candidate pair from the LSH buckets is checked before it joins a cluster. */
public enum VerifyMethod {
    /** Accept every candidate pair (datatrove, NeMo default): fastest, lowest precision. */
    NONE,
    /** Exact Jaccard of the two shingle sets (32-bit shingle hashes kept per document). */
    EXACT,
    /** Jaccard estimated from the full MinHash signatures (share of equal positions). */
    SIGNATURE
}
