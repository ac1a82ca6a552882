package io.winnow.clean.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** 128-bit content hashes (MD5, as BaichuanSEED's exact matching uses); 64-bit span hashes are core's {@code StringHash}. */
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
}
