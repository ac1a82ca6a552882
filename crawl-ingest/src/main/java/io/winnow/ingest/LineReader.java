package io.winnow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Lines of a byte stream with a length cap: a line longer than {@code maxLine} is returned as a
 * prefix flagged {@code overlong} and the rest of it is skipped, so memory stays bounded.
 */
public final class LineReader {
    /** One line without its terminator; {@code offset} is its first byte in the (decompressed) stream. */
    public record Line(byte[] bytes, long number, long offset, boolean overlong) {}

    private final InputStream in;
    private final int maxLine;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private long offset;
    private long number;

    public LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** The next line, or null at end of stream. */
    public Line next() throws IOException {
        byte[] out = new byte[256];
        int n = 0;
        boolean overlong = false;
        long start = offset;
        boolean any = false;
        while (true) {
            if (pos == end) {
                int r = in.read(buf);
                if (r < 0) {
                    if (!any) return null;
                    break;
                }
                pos = 0;
                end = r;
            }
            any = true;
            int i = pos;
            while (i < end && buf[i] != '\n') i++;
            int len = i - pos;
            if (!overlong) {
                int room = maxLine - n;
                int take = Math.min(len, room);
                if (n + take > out.length) out = Arrays.copyOf(out, Math.max(n + take, Math.min(maxLine, out.length * 2)));
                System.arraycopy(buf, pos, out, n, take);
                n += take;
                if (take < len) overlong = true;
            }
            offset += len;
            if (i < end) {
                pos = i + 1;
                offset++;
                break;
            }
            pos = end;
        }
        number++;
        if (n > 0 && out[n - 1] == '\r') n--;
        return new Line(Arrays.copyOf(out, n), number, start, overlong);
    }
}
