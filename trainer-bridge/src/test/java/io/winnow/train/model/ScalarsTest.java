package io.winnow.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * d(sum(3x))/dx = 3, with a garbage collection and fresh direct buffers (holding 12345) between forward and
 * backward. Through {@link Scalars} the gradient is 3; through DJL's {@code mul(Number)} the freed scalar's memory
 * is reused and backward multiplies by 12345 — the reason the model never passes Java numbers into graph ops.
 */
class ScalarsTest {
    @Test
    void scalarsOutliveTheBackwardPassWhereDjlsNumberOverloadsDoNot() throws Exception {
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            assertTrue(wrongGradients(m, x -> Scalars.mul(x, 3)) == 0, "Scalars.mul keeps its operand alive");
            int djl = wrongGradients(m, x -> x.mul(3f));
            assertTrue(djl > 0, "DJL's mul(Number) kept its scalar alive in every trial: its hazard may be fixed; Scalars can go");
        }
    }

    private static int wrongGradients(NDManager m, UnaryOperator<NDArray> times3) throws Exception {
        int wrong = 0;
        for (int trial = 0; trial < 5; trial++) {
            try (NDManager sub = m.newSubManager()) {
                NDArray x = sub.create(new float[] {1, 2, 3});
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    NDArray s = times3.apply(x).sum();
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(20);
                    }
                    List<ByteBuffer> junk = new ArrayList<>();
                    for (int i = 0; i < 20_000; i++) junk.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, 12345f));
                    gc.backward(s);
                    junk.clear();
                }
                float[] g = x.getGradient().toFloatArray();
                if (g[0] != 3f) wrong++;
                else assertArrayEquals(new float[] {3, 3, 3}, g);
            }
        }
        return wrong;
    }
}
