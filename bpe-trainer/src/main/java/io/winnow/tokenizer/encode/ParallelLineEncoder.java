package io.winnow.tokenizer.encode;

import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Encodes a stream line by line ('\n'-separated, bytes as they are) on several threads and writes one output line
 * per input line, in input order: ids separated by spaces, or pieces separated by spaces (as spm_encode).
 */
public final class ParallelLineEncoder {
    public enum Format { ID, PIECE }

    /** Totals of one run. */
    public record Stats(long lines, long bytes, long tokens) {}

    private static final int BATCH_BYTES = 1 << 20;

    private final BpeEncoder encoder;
    private final int threads;
    private final Format format;

    public ParallelLineEncoder(BpeEncoder encoder, int threads, Format format) {
        this.encoder = encoder;
        this.threads = Math.max(1, threads);
        this.format = format;
    }

    private record Batch(byte[] data, int[] lineEnds, int lines) {}

    private record Encoded(byte[] text, long tokens) {}

    public Stats encode(InputStream in, OutputStream rawOut) throws IOException, InterruptedException {
        OutputStream out = new BufferedOutputStream(rawOut, 1 << 20);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "encode");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<Encoded>> pending = new ArrayDeque<>();
        long lines = 0, bytes = 0, tokens = 0;
        try {
            BatchReader reader = new BatchReader(in);
            for (Batch b; (b = reader.next()) != null; ) {
                lines += b.lines();
                bytes += b.data().length;
                final Batch batch = b;
                pending.add(pool.submit(() -> encodeBatch(batch)));
                while (pending.size() > threads * 2) tokens += drain(pending.poll(), out);
            }
            while (!pending.isEmpty()) tokens += drain(pending.poll(), out);
            out.flush();
        } catch (ExecutionException e) {
            throw new IOException("encoding failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Stats(lines, bytes, tokens);
    }

    private static long drain(Future<Encoded> f, OutputStream out) throws InterruptedException, ExecutionException, IOException {
        Encoded e = f.get();
        out.write(e.text());
        return e.tokens();
    }

    private Encoded encodeBatch(Batch b) {
        io.winnow.tokenizer.text.ByteBuf out = new io.winnow.tokenizer.text.ByteBuf(b.data().length * 2);
        IntArrayList ids = new IntArrayList();
        long tokens = 0;
        int start = 0;
        for (int i = 0; i < b.lines(); i++) {
            int end = b.lineEnds()[i];
            if (format == Format.ID) {
                ids.clear();
                encoder.encode(b.data(), start, end, ids);
                out.ensure(ids.size() * 11 + 1);
                for (int k = 0; k < ids.size(); k++) {
                    if (k > 0) out.data[out.size++] = ' ';
                    appendInt(out, ids.getInt(k));
                }
                tokens += ids.size();
            } else {
                List<String> pieces = encoder.encodeAsPieces(b.data(), start, end);
                byte[] t = String.join(" ", pieces).getBytes(StandardCharsets.UTF_8);
                out.add(t, 0, t.length);
                tokens += pieces.size();
            }
            out.add((byte) '\n');
            start = end + 1;
        }
        return new Encoded(out.toArray(), tokens);
    }

    /** Decimal digits of a non-negative id (capacity ensured by the caller). */
    private static void appendInt(io.winnow.tokenizer.text.ByteBuf out, int v) {
        byte[] d = out.data;
        int n = out.size;
        if (v == 0) {
            d[n] = '0';
            out.size = n + 1;
            return;
        }
        int digits = 0;
        for (int x = v; x > 0; x /= 10) digits++;
        for (int k = n + digits - 1; k >= n; k--) {
            d[k] = (byte) ('0' + v % 10);
            v /= 10;
        }
        out.size = n + digits;
    }

    /** Cuts the stream into batches of whole lines. */
    private static final class BatchReader {
        private final InputStream in;
        private byte[] carry = new byte[0];
        private boolean eof;

        BatchReader(InputStream in) { this.in = in; }

        Batch next() throws IOException {
            if (eof && carry.length == 0) return null;
            byte[] buf = new byte[Math.max(BATCH_BYTES, carry.length * 2)];
            System.arraycopy(carry, 0, buf, 0, carry.length);
            int n = carry.length;
            while (!eof && n < buf.length) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) eof = true;
                else n += r;
            }
            int lastNl = -1;
            for (int i = n - 1; i >= 0; i--) if (buf[i] == '\n') { lastNl = i; break; }
            int cut;
            if (lastNl >= 0) cut = lastNl + 1;
            else if (eof) cut = n;          // last line without '\n'
            else {                           // a line longer than the buffer: grow and read on
                carry = java.util.Arrays.copyOf(buf, n);
                return next();
            }
            carry = java.util.Arrays.copyOfRange(buf, cut, n);
            byte[] data = java.util.Arrays.copyOf(buf, cut);
            IntArrayList ends = new IntArrayList();
            for (int i = 0; i < cut; i++) if (data[i] == '\n') ends.add(i);
            if (cut > 0 && data[cut - 1] != '\n') ends.add(cut);
            if (ends.isEmpty()) return eof && carry.length == 0 ? null : next();
            return new Batch(data, ends.toIntArray(), ends.size());
        }
    }

}
