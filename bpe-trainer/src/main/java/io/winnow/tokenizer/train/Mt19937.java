package io.winnow.tokenizer.train;

/**
 * The 32-bit Mersenne Twister (std::mt19937) and libstdc++'s {@code uniform_int_distribution} for ranges below
 * 2^32 (Lemire's nearly-divisionless reduction, used by GCC 11 and later, which built the SentencePiece 0.2.2
 * wheels). Together they reproduce SentencePiece's sentence sampling draw for draw.
 */
final class Mt19937 {
    private static final int N = 624, M = 397;
    private final int[] mt = new int[N];
    private int index = N;

    Mt19937(long seed) {
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }

    /** The next 32-bit output, as an unsigned value. */
    long next() {
        if (index >= N) twist();
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7FFFFFFF);
            int v = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) v ^= 0x9908B0DF;
            mt[i] = v;
        }
        index = 0;
    }

    /** A uniform value in [0, range), range in [1, 2^32], as libstdc++ draws it from this engine. */
    long uniform(long range) {
        if (range == 1L << 32) return next();
        if (range <= 0 || range > 1L << 32) throw new IllegalArgumentException("range " + range);
        long product = next() * range;
        long low = product & 0xFFFFFFFFL;
        if (low < range) {
            long threshold = ((1L << 32) - range) % range;
            while (low < threshold) {
                product = next() * range;
                low = product & 0xFFFFFFFFL;
            }
        }
        return product >>> 32;
    }
}
