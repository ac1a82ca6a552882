package io.winnow.tokenizer.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches for bytes eight at a time (SWAR). The trainer runs on C1 code, which neither unrolls nor vectorizes a
 * byte-by-byte loop; it looks for line ends, and the numbering pass of a sample looks at every byte of the input for
 * '\n' and the lead byte of U+2585.
 */
public final class ByteScan {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L;

    private ByteScan() {}

    /** The first index in {@code s[from, to)} holding byte {@code x}, or {@code to}. */
    public static int indexOf(byte[] s, int from, int to, byte x) {
        return indexOfEither(s, from, to, x, x);
    }

    /** The first index in {@code s[from, to)} holding byte {@code x} or byte {@code y}, or {@code to}. */
    public static int indexOfEither(byte[] s, int from, int to, byte x, byte y) {
        long xs = (x & 0xFFL) * ONES, ys = (y & 0xFFL) * ONES;
        int p = from;
        for (; p + 8 <= to; p += 8) {
            long w = (long) LONG.get(s, p);
            long a = w ^ xs, b = w ^ ys;
            // a byte of a (or b) is zero where w holds x (or y); the lowest flagged byte of each mask is exact
            long hit = ((a - ONES) & ~a | (b - ONES) & ~b) & HIGHS;
            if (hit != 0) return p + (Long.numberOfTrailingZeros(hit) >>> 3);
        }
        for (; p < to; p++) if (s[p] == x || s[p] == y) return p;
        return to;
    }
}
