package io.winnow.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OptimTest {
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
    void adamwTwoStepsByHand() {
        NDArray w = m.create(new float[] {1f}, new Shape(1, 1)); // a matrix: decayed
        NDArray gain = m.create(new float[] {1f});                // a vector: not decayed
        Map<String, NDArray> params = new LinkedHashMap<>(Map.of("w", w, "g", gain));
        AdamW opt = new AdamW(m, 0.9, 0.95, 1e-8, 0.1);
        double lr = 0.1;
        opt.update(params, Map.of("w", m.create(new float[] {0.5f}, new Shape(1, 1)), "g", m.create(new float[] {0.5f})), lr);
        // t = 1: p ← p(1 - lr·wd); m = 0.05, v = 0.0125; m̂ = 0.5, v̂ = 0.25: p ← p - lr · 0.5 / (0.5 + ε)
        double p1 = 1 * (1 - lr * 0.1) - lr * (0.05 / 0.1) / (Math.sqrt(0.0125) / Math.sqrt(0.05) + 1e-8);
        assertEquals(p1, w.getFloat(0, 0), 1e-7);
        assertEquals(0.89, w.getFloat(0, 0), 1e-6);
        assertEquals(0.9, gain.getFloat(0), 1e-6); // no decay on gains
        opt.update(params, Map.of("w", m.create(new float[] {-0.25f}, new Shape(1, 1)), "g", m.create(new float[] {-0.25f})), lr);
        double mm = 0.9 * 0.05 + 0.1 * -0.25, vv = 0.95 * 0.0125 + 0.05 * 0.0625; // 0.02, 0.015
        double p2 = p1 * (1 - lr * 0.1) - (lr / (1 - 0.81)) * mm / (Math.sqrt(vv) / Math.sqrt(1 - 0.9025) + 1e-8);
        assertEquals(p2, w.getFloat(0, 0), 1e-6);
        assertEquals(0.8542631, w.getFloat(0, 0), 1e-6);
        assertEquals(2, opt.steps());
    }

    @Test
    void adamwStateRoundTripsExactly() {
        NDArray a = m.randomNormal(0, 1, new Shape(3, 4), ai.djl.ndarray.types.DataType.FLOAT32);
        NDArray b = a.duplicate();
        AdamW o1 = new AdamW(m, 0.9, 0.95, 1e-8, 0.1);
        AdamW o2 = new AdamW(m, 0.9, 0.95, 1e-8, 0.1);
        NDArray g1 = m.randomNormal(0, 1, new Shape(3, 4), ai.djl.ndarray.types.DataType.FLOAT32);
        NDArray g2 = m.randomNormal(0, 1, new Shape(3, 4), ai.djl.ndarray.types.DataType.FLOAT32);
        o1.update(Map.of("a", a), Map.of("a", g1), 0.01);
        o2.update(Map.of("a", b), Map.of("a", g1), 0.01);
        // o2 goes through encode/decode, as a checkpoint does
        NDList saved = NDList.decode(m, o2.state().encode());
        AdamW o3 = new AdamW(m, 0.9, 0.95, 1e-8, 0.1);
        o3.load(saved, o2.steps());
        o1.update(Map.of("a", a), Map.of("a", g2), 0.01);
        o3.update(Map.of("a", b), Map.of("a", g2), 0.01);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);
    }

    @Test
    void clippingScalesByTheGlobalNorm() {
        NDArray g1 = m.create(new float[] {3, 4});
        NDArray g2 = m.create(new float[] {12});
        double norm = GradientClipping.clip(List.of(g1, g2), 6.5); // norm 13
        assertEquals(13, norm, 1e-6);
        float s = (float) (6.5 / (13 + 1e-6));
        assertArrayEquals(new float[] {3 * s, 4 * s}, g1.toFloatArray(), 1e-6f);
        assertEquals(6.5, GradientClipping.globalNorm(List.of(g1, g2)), 1e-5);
        assertEquals(6.5, GradientClipping.clip(List.of(g1, g2), 100), 1e-5); // under the limit: untouched
        assertArrayEquals(new float[] {3 * s, 4 * s}, g1.toFloatArray(), 0f);
    }

    @Test
    void lossScalerSkipsOverflowsHalvesAndGrows() {
        LossScaler s = new LossScaler(true, 3);
        assertEquals(65_536, s.scale());
        assertEquals(65_536 * 2.0f, s.scaleLoss(m.create(2f)).getFloat());
        NDArray g = m.create(new float[] {65_536, -131_072});
        assertEquals(true, s.unscale(List.of(g)));
        assertArrayEquals(new float[] {1, -2}, g.toFloatArray(), 0f); // divided by the scale
        NDArray bad = m.create(new float[] {1, Float.POSITIVE_INFINITY});
        assertEquals(false, s.unscale(List.of(g, bad)));
        assertEquals(32_768, s.scale());
        assertArrayEquals(new float[] {1, -2}, g.toFloatArray(), 0f); // a skipped step leaves the gradients alone
        assertEquals(false, s.unscale(List.of(m.create(new float[] {Float.NaN}))));
        assertEquals(16_384, s.scale());
        for (int i = 0; i < 3; i++) assertEquals(true, s.unscale(List.of(m.create(new float[] {1}))));
        assertEquals(32_768, s.scale(), "doubles after growth_interval good steps");
        assertEquals(0, s.goodSteps());
        LossScaler off = LossScaler.disabled();
        assertEquals(1, off.scale());
        assertEquals(true, off.unscale(List.of(bad)), "fp32: nothing to skip; divergence is caught on the loss");
    }

    @Test
    void warmupThenCosineToTheMinimum() {
        LearningRateSchedule s = new LearningRateSchedule(2e-4, 2e-5, 2000, 10_000);
        assertEquals(1e-7, s.at(1), 1e-15);
        assertEquals(1e-4, s.at(1000), 1e-15);
        assertEquals(2e-4, s.at(2000), 1e-15);
        assertEquals(2e-5 + 0.5 * (1.8e-4) * (1 + Math.cos(Math.PI * 0.5)), s.at(6000), 1e-15); // halfway: the mean
        assertEquals(1.1e-4, s.at(6000), 1e-12);
        assertEquals(2e-5, s.at(10_000), 1e-15);
        assertEquals(2e-5, s.at(20_000), 1e-15);
        assertEquals(2e-4, new LearningRateSchedule(2e-4, 0, 0, 10).at(0), 1e-15);
    }
}
