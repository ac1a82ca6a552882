package io.winnow.tokenizer.train;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads '\n'-terminated lines as raw bytes ('\r' is kept, as std::getline does). */
final class LineReader {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos, limit;
    private long lineNumber;
    private byte[] line = new byte[256];

    LineReader(InputStream in) { this.in = in; }

    long lineNumber() { return lineNumber; }

    /** The next line without its '\n', or null at the end. */
    byte[] next() throws IOException {
        int n = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) return null;
                    lineNumber++;
                    return Arrays.copyOf(line, n);
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && buf[pos] != '\n') pos++;
            int len = pos - start;
            if (n + len > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, n + len));
            System.arraycopy(buf, start, line, n, len);
            n += len;
            if (pos < limit) {
                pos++;
                lineNumber++;
                return Arrays.copyOf(line, n);
            }
        }
    }
}
