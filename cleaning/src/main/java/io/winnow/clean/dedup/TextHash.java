package io.winnow.clean.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** 128-bit content hashes (MD5, as BaichuanSEED's exact matching uses) and 64-bit span hashes. */
public final class TextHash {
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private TextHash() {}

    public static byte[] md5(String text) {
        return MD5.get().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** 64-bit FNV-1a over UTF-16 units, then a SplitMix finalizer: fast, well mixed, stable across runs. */
    public static long hash64(CharSequence s) {
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
