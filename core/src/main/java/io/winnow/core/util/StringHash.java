package io.winnow.core.util;

/**
 * A 64-bit hash of a string for in-memory sets and counts (span dedup, URL lists): FNV-1a over the UTF-16
 * units, then a murmur3 finalizer, so close strings land far apart. Stable across runs and JVMs.
 */
public final class StringHash {
    private StringHash() {}

    public static long hash64(CharSequence s) {
        return hash64(s, 0, s.length(), 0);
    }

    /** The hash of {@code s[from, to)}, in a family chosen by {@code seed} (0: the plain hash). */
    public static long hash64(CharSequence s, int from, int to, long seed) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return fmix64(h);
    }

    /** murmur3's 64-bit finalizer: every input bit flips each output bit with probability about 1/2. */
    public static long fmix64(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
