package io.winnow.safety.classify;

import io.winnow.core.util.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * A binary logistic-regression text classifier over {@link HashedFeatures}: the probability that
 * a text has the positive label is {@code sigmoid(w . x + b)}.
 *
 * <p>File format ({@code model.bin}, big-endian): magic {@code WNLC}, format version, feature
 * settings, the positive and negative label, the decision threshold, the bias, then the non-zero
 * weights as (index gap, value) pairs, and a CRC-32 of everything before it.
 */
public final class LinearModel {
    private static final int MAGIC = 0x574E4C43; // "WNLC"
    private static final int VERSION = 1;

    private final FeatureSettings settings;
    private final HashedFeatures features;
    private final String positive;
    private final String negative;
    private final float threshold;
    final float[] weights;
    float bias;

    LinearModel(FeatureSettings settings, String positive, String negative, float threshold, float[] weights, float bias) {
        this.settings = settings;
        this.features = new HashedFeatures(settings);
        this.positive = positive;
        this.negative = negative;
        this.threshold = threshold;
        this.weights = weights;
        this.bias = bias;
    }

    public FeatureSettings settings() { return settings; }
    public String positive() { return positive; }
    public String negative() { return negative; }
    /** The decision threshold chosen at training time. */
    public float threshold() { return threshold; }

    LinearModel withThreshold(float t) {
        return new LinearModel(settings, positive, negative, t, weights, bias);
    }

    /** P(positive | text). */
    public double probability(String text) {
        return probability(features.vector(text));
    }

    double probability(SparseVector x) {
        return sigmoid(margin(x));
    }

    double margin(SparseVector x) {
        double z = bias;
        int[] idx = x.index();
        float[] val = x.value();
        for (int i = 0; i < idx.length; i++) z += weights[idx[i]] * val[i];
        return z;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    public HashedFeatures features() { return features; }

    public void save(Path file) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(buf))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(settings.buckets());
            out.writeInt(settings.wordNgrams());
            out.writeInt(settings.minChars());
            out.writeInt(settings.maxChars());
            out.writeInt(settings.maxTokens());
            out.writeUTF(positive);
            out.writeUTF(negative);
            out.writeFloat(threshold);
            out.writeFloat(bias);
            int nz = 0;
            for (float w : weights) if (w != 0) nz++;
            out.writeInt(nz);
            int last = -1;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] == 0) continue;
                out.writeInt(i - last);
                out.writeFloat(weights[i]);
                last = i;
            }
        }
        byte[] body = buf.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] all = java.util.Arrays.copyOf(body, body.length + 8);
        java.nio.ByteBuffer.wrap(all, body.length, 8).putLong(crc.getValue());
        AtomicFiles.write(file, all);
    }

    /** Loads a model; a file that is not one, or was cut short or altered, is an IOException naming it. */
    public static LinearModel load(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8 + 12) throw new IOException(file + ": not a Winnow classifier model (too short)");
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, all.length - 8))) {
            if (in.readInt() != MAGIC) throw new IOException(file + ": not a Winnow classifier model (bad magic)");
            int version = in.readInt();
            if (version != VERSION) throw new IOException(file + ": model format version " + version + " is not supported (expected " + VERSION + ")");
            if (stored != crc.getValue()) throw new IOException(file + ": model file is corrupt (checksum mismatch)");
            FeatureSettings s = new FeatureSettings(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt());
            String pos = in.readUTF();
            String neg = in.readUTF();
            float threshold = in.readFloat();
            float bias = in.readFloat();
            int nz = in.readInt();
            float[] w = new float[s.buckets()];
            int at = -1;
            for (int k = 0; k < nz; k++) {
                at += in.readInt();
                if (at < 0 || at >= w.length) throw new IOException(file + ": model file is corrupt (weight index " + at + ")");
                w[at] = in.readFloat();
            }
            return new LinearModel(s, pos, neg, threshold, w, bias);
        } catch (EOFException e) {
            throw new IOException(file + ": model file is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": model file is corrupt (" + e.getMessage() + ")", e);
        }
    }
}
