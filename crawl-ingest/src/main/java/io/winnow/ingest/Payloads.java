package io.winnow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reading payloads with the size limit applied while reading, so an oversized one never fills memory. */
public final class Payloads {
    private Payloads() {}

    /** The bytes read (at most {@code max}) and the total length seen (read to the end, discarding past max). */
    public record Bounded(byte[] bytes, long length, boolean oversized) {}

    public static Bounded read(InputStream in, long max) throws IOException {
        int cap = (int) Math.min(max, 1 << 16);
        byte[] buf = new byte[Math.max(16, cap)];
        int n = 0;
        long total = 0;
        byte[] skip = null;
        while (true) {
            if (n < max) {
                if (n == buf.length) buf = Arrays.copyOf(buf, (int) Math.min(max, (long) buf.length * 2));
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) break;
                n += r;
                total += r;
            } else {
                if (skip == null) skip = new byte[1 << 16];
                int r = in.read(skip);
                if (r < 0) break;
                total += r;
            }
        }
        return new Bounded(n == buf.length ? buf : Arrays.copyOf(buf, n), total, total > max);
    }
}
