package io.winnow.train.dataset;

import java.io.Closeable;
import java.nio.file.Path;
import java.io.IOException;
import java.util.List;

/**
 * Fixed-length training samples cut from a {@link TokenStream}: sample k is tokens {@code [k·T, k·T + T + 1)}, so
 * samples run across document boundaries (the end-of-document ids the mix appended separate the documents) and
 * neighbouring samples share one token, the last target of one being the first input of the next — Megatron-LM's
 * GPT dataset does the same. Inputs are the first T tokens, targets the last T.
 *
 * <p>Training order: epoch e visits every sample once in the order of a {@link SeededPermutation} keyed by the
 * seed and e. The order is a pure function of (seed, position), so a checkpoint stores only the position.
 */
public final class PackedTokenDataset implements Closeable {
    private final TokenStream stream;
    private final int seqLength;
    private final long samples;

    public PackedTokenDataset(TokenStream stream, int seqLength) {
        if (seqLength < 1) throw new IllegalArgumentException("seq_length must be positive");
        this.stream = stream;
        this.seqLength = seqLength;
        this.samples = stream.size() <= seqLength ? 0 : (stream.size() - 1) / seqLength;
    }

    public static PackedTokenDataset open(List<Path> prefixes, int seqLength) throws IOException {
        return new PackedTokenDataset(TokenStream.open(prefixes), seqLength);
    }

    public int seqLength() { return seqLength; }

    /** Samples in one epoch. */
    public long size() { return samples; }

    public long tokens() { return stream.size(); }

    /** Copies sample k's T + 1 tokens into {@code dst[off..]}. */
    public void sample(long k, int[] dst, int off) {
        if (k < 0 || k >= samples) throw new IndexOutOfBoundsException("sample " + k + " of " + samples);
        stream.read(k * seqLength, seqLength + 1, dst, off);
    }

    /** The sample at training position {@code position} (epochs follow each other, each shuffled anew). */
    public long sampleAt(long position, long seed) {
        requireSamples();
        return order(position / samples, seed).apply(position % samples);
    }

    /** {@code batch} samples from training position {@code position} on, as [batch, T + 1] row-major. */
    public int[] trainingBatch(long position, int batch, long seed) {
        requireSamples();
        int[] out = new int[batch * (seqLength + 1)];
        long epoch = -1;
        SeededPermutation perm = null;
        for (int b = 0; b < batch; b++) {
            long p = position + b;
            if (p / samples != epoch) {
                epoch = p / samples;
                perm = order(epoch, seed);
            }
            sample(perm.apply(p % samples), out, b * (seqLength + 1));
        }
        return out;
    }

    private void requireSamples() {
        if (samples == 0) {
            throw new IllegalStateException("no training samples: the data holds " + tokens() + " tokens, not more than seq_length "
                    + seqLength);
        }
    }

    private SeededPermutation order(long epoch, long seed) {
        return new SeededPermutation(samples, seed * 0x2545F4914F6CDD1DL + epoch);
    }

    /** Samples {@code [first, first + batch)} in stream order (validation), as [batch, T + 1]. */
    public int[] sequentialBatch(long first, int batch) {
        int[] out = new int[batch * (seqLength + 1)];
        for (int b = 0; b < batch; b++) sample(first + b, out, b * (seqLength + 1));
        return out;
    }

    @Override
    public void close() {
        stream.close();
    }
}
