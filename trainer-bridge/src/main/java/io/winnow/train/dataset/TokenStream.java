package io.winnow.train.dataset;

import io.winnow.mixture.megatron.DType;
import io.winnow.mixture.megatron.MegatronIndexedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several Megatron-LM datasets ({@code PREFIX.bin/.idx}, memory-mapped by the mixture's reader) read as one
 * sequence of tokens, document after document and file after file: the stream a trainer cuts into fixed-length
 * samples. Nothing is loaded up front; a read of k tokens costs a binary search over the index and k mapped reads.
 */
public final class TokenStream implements Closeable {
    private final List<MegatronIndexedReader> readers = new ArrayList<>();
    /** starts[i]: the stream offset of dataset i's first token; starts[n] = total. */
    private final long[] starts;

    private TokenStream(List<MegatronIndexedReader> rs) {
        readers.addAll(rs);
        starts = new long[rs.size() + 1];
        for (int i = 0; i < rs.size(); i++) starts[i + 1] = starts[i] + rs.get(i).totalTokens();
    }

    /** Opens the datasets in this order; every one must hold integer token ids. */
    public static TokenStream open(List<Path> prefixes) throws IOException {
        List<MegatronIndexedReader> rs = new ArrayList<>();
        try {
            for (Path p : prefixes) {
                MegatronIndexedReader r = MegatronIndexedReader.open(p);
                rs.add(r);
                if (!r.dtype().isInteger() || r.dtype() == DType.INT64) {
                    throw new IOException(r.prefix() + ".idx: dtype " + r.dtype().numpyName() + " does not hold 32-bit token ids");
                }
            }
        } catch (IOException | RuntimeException e) {
            for (MegatronIndexedReader r : rs) r.close();
            throw e;
        }
        return new TokenStream(rs);
    }

    public long size() { return starts[starts.length - 1]; }

    public int datasets() { return readers.size(); }

    /** Copies tokens [offset, offset + count) of the stream into {@code dst[dstOff..]}. */
    public void read(long offset, int count, int[] dst, int dstOff) {
        if (offset < 0 || count < 0 || offset + count > size()) {
            throw new IndexOutOfBoundsException("tokens [" + offset + ", " + (offset + count) + ") of a stream of " + size());
        }
        int d = dataset(offset);
        while (count > 0) {
            MegatronIndexedReader r = readers.get(d);
            long local = offset - starts[d];
            long seq = sequenceAt(r, local);
            int within = (int) (local - r.pointer(seq) / r.dtype().size());
            while (count > 0 && seq < r.sequenceCount()) {
                int take = Math.min(count, r.length(seq) - within);
                if (take > 0) r.read(seq, within, take, dst, dstOff);
                dstOff += take;
                count -= take;
                offset += take;
                seq++;
                within = 0;
            }
            d++;
        }
    }

    private int dataset(long offset) {
        int lo = 0, hi = readers.size() - 1;
        while (lo < hi) { // last dataset whose start is <= offset and that is not empty
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        while (starts[lo + 1] <= offset) lo++;
        return lo;
    }

    /** The last sequence whose first token is at or before {@code local} (sequences may be empty). */
    private static long sequenceAt(MegatronIndexedReader r, long local) {
        long size = r.dtype().size();
        long lo = 0, hi = r.sequenceCount() - 1;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (r.pointer(mid) / size <= local) lo = mid; else hi = mid - 1;
        }
        while (lo + 1 < r.sequenceCount() && r.pointer(lo) / size + r.length(lo) <= local) lo++;
        return lo;
    }

    @Override
    public void close() {
        for (MegatronIndexedReader r : readers) r.close();
    }
}
