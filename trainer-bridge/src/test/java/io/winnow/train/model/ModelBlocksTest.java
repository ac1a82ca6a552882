package io.winnow.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decoder's pieces against values worked out by hand (each expected value is written as its formula). */
class ModelBlocksTest {
    private static NDManager m;

    @BeforeAll
    static void engine() {
        m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    }

    @AfterAll
    static void close() {
        m.close();
    }

    @Test
    void rmsNormDividesByTheRootMeanSquareAndAppliesTheGain() {
        NDArray x = m.create(new float[] {1, 2, 3, 4, -2, 0, 0, 0}, new Shape(2, 4));
        NDArray g = m.create(new float[] {1, 0.5f, 2, 1});
        float[] y = RmsNorm.apply(x, g, 1e-6).toFloatArray();
        double rms1 = Math.sqrt((1 + 4 + 9 + 16) / 4.0 + 1e-6);   // 2.7386...
        double rms2 = Math.sqrt((4 + 0 + 0 + 0) / 4.0 + 1e-6);    // 1.0000005
        assertArrayEquals(new float[] {(float) (1 / rms1), (float) (2 / rms1 * 0.5), (float) (3 / rms1 * 2), (float) (4 / rms1),
                (float) (-2 / rms2), 0, 0, 0}, y, 1e-6f);
        assertEquals(0.3651484, y[0], 1e-6); // 1 / sqrt(7.5)
    }

    @Test
    void ropeRotatesHalfPairsByPositionTimesFrequency() {
        // head size 4, θ = 10,000: pair 0 turns 1 rad per position, pair 1 turns 10000^(-1/2) = 0.01 rad
        ModelSpec spec = spec(4, 1, PositionEncoding.ROPE);
        try (PositionTables t = new PositionTables(spec, m)) {
            NDArray cos = t.ropeCos(3, Device.cpu());
            NDArray sin = t.ropeSin(3, Device.cpu());
            assertArrayEquals(new float[] {1, 1, (float) Math.cos(1), (float) Math.cos(0.01), (float) Math.cos(2), (float) Math.cos(0.02)},
                    cos.toFloatArray(), 1e-7f);
            // the same vector [1, 2, 3, 4] at positions 0, 1, 2 ([B=1, H=1, T=3, D=4])
            NDArray x = m.create(new float[] {1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4}, new Shape(1, 1, 3, 4));
            float[] y = RotaryEmbedding.apply(x, cos, sin).toFloatArray();
            assertArrayEquals(new float[] {1, 2, 3, 4}, java.util.Arrays.copyOfRange(y, 0, 4), 1e-6f); // position 0: unchanged
            double c1 = Math.cos(1), s1 = Math.sin(1), c2 = Math.cos(0.01), s2 = Math.sin(0.01);
            assertArrayEquals(new float[] {(float) (1 * c1 - 3 * s1), (float) (2 * c2 - 4 * s2), (float) (3 * c1 + 1 * s1),
                    (float) (4 * c2 + 2 * s2)}, java.util.Arrays.copyOfRange(y, 4, 8), 1e-6f);
            assertEquals(-1.9841108, y[4], 1e-6); // 0.5403 - 3 · 0.8415
            // rotation keeps the norm
            double n2 = 0;
            for (int i = 8; i < 12; i++) n2 += y[i] * y[i];
            assertEquals(30, n2, 1e-4);
        }
    }

    @Test
    void ropeScoresDependOnlyOnTheDistance() {
        ModelSpec spec = spec(8, 1, PositionEncoding.ROPE);
        try (PositionTables t = new PositionTables(spec, m)) {
            int len = 6;
            float[] q = {0.3f, -1.2f, 0.5f, 2.0f, 0.1f, 0.7f, -0.4f, 1.1f};
            float[] k = {1.0f, 0.2f, -0.3f, 0.8f, -1.5f, 0.4f, 0.9f, -0.2f};
            float[] qs = new float[len * 8], ks = new float[len * 8];
            for (int p = 0; p < len; p++) {
                System.arraycopy(q, 0, qs, p * 8, 8);
                System.arraycopy(k, 0, ks, p * 8, 8);
            }
            NDArray rq = RotaryEmbedding.apply(m.create(qs, new Shape(1, 1, len, 8)), t.ropeCos(len, Device.cpu()), t.ropeSin(len, Device.cpu()));
            NDArray rk = RotaryEmbedding.apply(m.create(ks, new Shape(1, 1, len, 8)), t.ropeCos(len, Device.cpu()), t.ropeSin(len, Device.cpu()));
            float[] s = rq.matMul(rk.transpose(0, 1, 3, 2)).toFloatArray(); // [len, len]
            for (int d = 0; d < 3; d++) {
                for (int p = 0; p + d + 1 < len; p++) assertEquals(s[(p + d) * len + p], s[(p + d + 1) * len + p + 1], 1e-5);
            }
        }
    }

    @Test
    void alibiSlopesFollowPressEtAlIncludingFortyHeads() {
        assertArrayEquals(new double[] {0.5, 0.25, 0.125, 0.0625, 1 / 32.0, 1 / 64.0, 1 / 128.0, 1 / 256.0}, PositionTables.alibiSlopes(8), 1e-15);
        double[] s40 = PositionTables.alibiSlopes(40); // Baichuan 2 13B
        assertEquals(Math.pow(2, -0.25), s40[0], 1e-15);
        assertEquals(Math.pow(2, -8), s40[31], 1e-15);
        assertEquals(Math.pow(2, -1 / 8.0), s40[32], 1e-15);
        assertEquals(Math.pow(2, -15 / 8.0), s40[39], 1e-15);
        ModelSpec spec = spec(4, 2, PositionEncoding.ALIBI);
        try (PositionTables t = new PositionTables(spec, m)) {
            float[] b = t.alibiBias(3, Device.cpu()).toFloatArray(); // [2, 3, 3], slopes 1/16 and 1/256
            assertArrayEquals(new float[] {0, 0, 0, -1 / 16f, 0, 0, -2 / 16f, -1 / 16f, 0}, java.util.Arrays.copyOfRange(b, 0, 9), 1e-9f);
            assertEquals(-2 / 256f, b[9 + 6], 1e-9f);
        }
    }

    @Test
    void normHeadScalesEveryOutputRowToUnitLength() {
        NDArray w = m.create(new float[] {3, 4, 0, 2, 1, 0}, new Shape(3, 2));
        NDArray x = m.create(new float[] {1, 1, 2, -1}, new Shape(2, 2));
        // rows become (0.6, 0.8), (0, 1), (1, 0)
        assertArrayEquals(new float[] {1.4f, 1, 1, 0.4f, -1, 2}, NormHead.apply(x, w, true).toFloatArray(), 1e-6f);
        // a plain head uses the rows as they are
        assertArrayEquals(new float[] {7, 2, 1, 2, -2, 2}, NormHead.apply(x, w, false).toFloatArray(), 1e-6f);
    }

    @Test
    void maxZLossIsTheWeightTimesTheMeanSquaredLargestLogit() {
        NDArray logits = m.create(new float[] {2, 0, -1, 0.5f, 3, 1}, new Shape(1, 2, 3));
        NDArray targets = m.create(new long[] {0, 2}, new Shape(1, 2));
        LmLoss.Terms t = LmLoss.compute(logits, targets, 2e-4);
        double lse1 = Math.log(Math.exp(2) + Math.exp(0) + Math.exp(-1));
        double lse2 = Math.log(Math.exp(0.5) + Math.exp(3) + Math.exp(1));
        double ce = ((lse1 - 2) + (lse2 - 1)) / 2;                    // 1.18329...
        double z = 2e-4 * (2 * 2 + 3 * 3) / 2.0;                      // 0.0013
        assertEquals(ce, t.crossEntropy().getFloat(), 1e-6);
        assertEquals(0.0013, t.maxZ().getFloat(), 1e-9);
        assertEquals(ce + z, t.total().getFloat(), 1e-6);
        assertEquals(ce, LmLoss.compute(logits, targets, 0).total().getFloat(), 1e-6);
    }

    @Test
    void swigluIsSiluOfTheGateTimesTheUpProjection() {
        NDArray x = m.create(new float[] {-1, 0.5f, 2});
        float[] s = SwiGluFeedForward.silu(x).toFloatArray();
        for (int i = 0; i < 3; i++) {
            double v = new double[] {-1, 0.5, 2}[i];
            assertEquals(v / (1 + Math.exp(-v)), s[i], 1e-6);
        }
    }

    @Test
    void laterTokensDoNotChangeEarlierLogitsAndInitialLossIsNearLogV() {
        for (PositionEncoding pe : PositionEncoding.values()) {
            Engine.getInstance().setRandomSeed(7);
            ModelSpec spec = new ModelSpec(50, 16, 2, 2, 48, 8, pe, 10000, 1e-6, true, 0.02, 2e-4);
            try (NDManager sub = m.newSubManager(); DecoderModel model = DecoderModel.create(spec, sub, DataType.FLOAT32)) {
                ParameterStore ps = new ParameterStore(sub, false);
                long[] a = {1, 5, 9, 13, 17, 21, 25, 29};
                long[] b = a.clone();
                b[6] = 3;
                b[7] = 4;
                float[] la = model.forward(ps, new NDList(sub.create(a, new Shape(1, 8))), false).singletonOrThrow().toFloatArray();
                float[] lb = model.forward(ps, new NDList(sub.create(b, new Shape(1, 8))), false).singletonOrThrow().toFloatArray();
                assertArrayEquals(java.util.Arrays.copyOfRange(la, 0, 6 * 50), java.util.Arrays.copyOfRange(lb, 0, 6 * 50), 1e-6f, pe.name());
                boolean differs = false;
                for (int i = 6 * 50; i < 8 * 50; i++) differs |= la[i] != lb[i];
                assertEquals(true, differs, "position 6 sees its own token");
                NDArray logits = model.forward(ps, new NDList(sub.create(a, new Shape(1, 8))), false).singletonOrThrow();
                float ce = LmLoss.compute(logits, sub.create(b, new Shape(1, 8)), 0).crossEntropy().getFloat();
                // NormHead: a unit row against a hidden state of norm ~sqrt(d) gives logits of std ~1, so
                // cross-entropy starts near ln V + 1/2 whatever init_std is
                assertEquals(Math.log(50) + 0.5, ce, 0.5, "near-uniform predictions at initialization");
                assertEquals(spec.parameterCount(), model.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum());
            }
        }
    }

    @Test
    void aPlainHeadWithSmallWeightsStartsAtLogV() {
        Engine.getInstance().setRandomSeed(11);
        ModelSpec spec = new ModelSpec(50, 16, 1, 2, 48, 8, PositionEncoding.ROPE, 10000, 1e-6, false, 0.02, 0);
        try (NDManager sub = m.newSubManager(); DecoderModel model = DecoderModel.create(spec, sub, DataType.FLOAT32)) {
            NDArray ids = sub.create(new long[] {1, 5, 9, 13, 17, 21, 25, 29}, new Shape(1, 8));
            NDArray logits = model.forward(new ParameterStore(sub, false), new NDList(ids), false).singletonOrThrow();
            assertEquals(Math.log(50), LmLoss.compute(logits, ids, 0).crossEntropy().getFloat(), 0.1);
        }
    }

    private static ModelSpec spec(int headSize, int heads, PositionEncoding pe) {
        return new ModelSpec(10, headSize * heads, 1, heads, 8, 4, pe, 10000, 1e-6, true, 0.02, 2e-4);
    }
}
