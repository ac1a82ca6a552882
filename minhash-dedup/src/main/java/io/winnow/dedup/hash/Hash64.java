package io.winnow.dedup.hash;

import io.winnow.core.util.StringHash;

/**
 * Allocation-free 64-bit hashing for shingles and band keys: a word-at-a-time mix over chars
 * with a strong finalizer. Not cryptographic; chosen for speed and good avalanche, so that
 * the low and high bits of a hash are equally usable.
 */
public final class Hash64 {
    private static final long P1 = 0x9E3779B97F4A7C15L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;

    private Hash64() {}

    /** Finalizer with full avalanche (every input bit flips each output bit with probability ~1/2). */
    public static long fmix(long h) {
        return StringHash.fmix64(h);
    }

    /** Folds one 64-bit value into a running hash; order matters. Finish with {@link #fmix}. */
    public static long combine(long h, long x) {
        return Long.rotateLeft(h ^ (x * P2), 31) * P1;
    }

    /** Starting value of a running hash for a seed. */
    public static long start(long seed) {
        return fmix(seed * P3 + P1);
    }

    /** Hash of {@code len} chars of {@code c} from {@code off}. */
    public static long chars(char[] c, int off, int len, long seed) {
        long h = start(seed) + len * P1;
        int i = off;
        int end = off + len;
        for (; i + 4 <= end; i += 4) {
            long w = c[i] | (long) c[i + 1] << 16 | (long) c[i + 2] << 32 | (long) c[i + 3] << 48;
            h = combine(h, w);
        }
        long w = 0;
        for (int s = 0; i < end; i++, s += 16) w |= (long) c[i] << s;
        return fmix(combine(h, w));
    }

    /** Hash of the chars of {@code s} in [from, to). */
    public static long chars(CharSequence s, int from, int to, long seed) {
        long h = start(seed) + (to - from) * P1;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            long w = s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                    | (long) s.charAt(i + 3) << 48;
            h = combine(h, w);
        }
        long w = 0;
        for (int sh = 0; i < to; i++, sh += 16) w |= (long) s.charAt(i) << sh;
        return fmix(combine(h, w));
    }

    /** Hash of {@code n} consecutive values of {@code v} from {@code off}, seeded. */
    public static long longs(long[] v, int off, int n, long seed) {
        long h = start(seed);
        for (int i = off; i < off + n; i++) h = combine(h, v[i]);
        return fmix(h + n);
    }

    /** Hash of {@code n} consecutive ints (code points) from {@code off}, seeded. */
    public static long ints(int[] v, int off, int n, long seed) {
        long h = start(seed);
        int i = off;
        int end = off + n;
        for (; i + 2 <= end; i += 2) h = combine(h, (v[i] & 0xFFFFFFFFL) | (long) v[i + 1] << 32);
        if (i < end) h = combine(h, (v[i] & 0xFFFFFFFFL) | 0x8000_0000_0000_0000L);
        return fmix(h + n);
    }
}
