package io.winnow.mixture.sample;

import java.nio.charset.StandardCharsets;

/**
 * The 64-bit hashing behind every random choice of a mix: a document's key (from its id, or its shard
 * and position), and uniform numbers drawn from (seed, key, purpose). Pure functions of their inputs, so the
 * choices do not depend on thread scheduling, worker count or the order shards are read in.
 */
public final class Hash64 {
    /** Purposes: independent streams for the copy count, the validation split and the shuffle order. */
    public static final long COPIES = 0x636f706965734c4cL;
    public static final long VALIDATION = 0x76616c69646174L;
    public static final long SHUFFLE = 0x73687566666c65L;
    public static final long ORDER = 0x6f72646572L;
    public static final long VALIDATION_COPY = 0x76636f7079L;

    private Hash64() {}

    /** SplitMix64's finalizer: a bijection of 64-bit values with good avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A 64-bit hash of a string's UTF-8 bytes (FNV-1a, then mixed). */
    public static long of(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long h = 0xcbf29ce484222325L;
        for (byte x : b) {
            h ^= x & 0xFF;
            h *= 0x100000001b3L;
        }
        return mix(h ^ b.length);
    }

    /** A hash of (seed, key, purpose, n): e.g. the shuffle key of copy n of a document. */
    public static long of(long seed, long key, long purpose, long n) {
        return mix(mix(mix(seed ^ purpose) ^ key) + n * 0x9e3779b97f4a7c15L);
    }

    /** A uniform double in [0, 1) from (seed, key, purpose). */
    public static double uniform(long seed, long key, long purpose) {
        return (of(seed, key, purpose, 0) >>> 11) * 0x1.0p-53;
    }
}
