package io.winnow.tokenizer.train;

/**
 * The open-addressing table of the trainer's {@link ByteCountMap} for strings too long to sit in their slot: a
 * slot holds {@code hash << 32 | entry + 1} (0 = empty), probed linearly from {@code hash & mask}.
 */
final class HashSlots {
    private HashSlots() {}

    /** murmur3's avalanche: multiply-xor hashes mix their low bits (the slot) poorly without it. */
    static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    /** A table twice as large holding entries {@code 0..size-1} with the given hashes. */
    static long[] grown(long[] table, int[] hash, int size) {
        long[] t = new long[table.length * 2];
        int m = t.length - 1;
        for (int e = 0; e < size; e++) {
            int slot = hash[e] & m;
            while (t[slot] != 0) slot = (slot + 1) & m;
            t[slot] = (long) hash[e] << 32 | (e + 1);
        }
        return t;
    }
}
