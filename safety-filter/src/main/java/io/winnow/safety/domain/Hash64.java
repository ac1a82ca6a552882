package io.winnow.safety.domain;

/** A 64-bit string hash (FNV-1a over UTF-16 units, then a murmur3 finalizer); lists keep hashes, not strings. */
final class Hash64 {
    private Hash64() {}

    static long of(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
