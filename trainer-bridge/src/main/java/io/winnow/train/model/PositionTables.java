package io.winnow.train.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;

/**
 * Constant tables the attention needs for a sequence length: the causal mask, RoPE's cos/sin and ALiBi's biases.
 * Made once per length, device and precision and kept in a manager of their own (never in a step's {@link NDScope}, so a
 * training step does not free them).
 */
public final class PositionTables implements AutoCloseable {
    private final ModelSpec spec;
    private final NDManager manager;
    private final Map<String, NDArray> cache = new HashMap<>();

    public PositionTables(ModelSpec spec, NDManager parent) {
        this.spec = spec;
        this.manager = parent.newSubManager();
    }

    /** [T, T]: 0 where key j ≤ query i, -inf above the diagonal. */
    public synchronized NDArray causalMask(int t, Device device) {
        return causalMask(t, device, DataType.FLOAT32);
    }

    public synchronized NDArray causalMask(int t, Device device, DataType type) {
        return cached("mask", t, device, type, () -> {
            float[] m = new float[t * t];
            for (int i = 0; i < t; i++) for (int j = i + 1; j < t; j++) m[i * t + j] = Float.NEGATIVE_INFINITY;
            return m;
        }, new Shape(t, t));
    }

    /** [T, D/2]: cos(p·θ^(-2i/D)) for position p and pair i. */
    public synchronized NDArray ropeCos(int t, Device device) {
        return ropeCos(t, device, DataType.FLOAT32);
    }

    public synchronized NDArray ropeCos(int t, Device device, DataType type) {
        return cached("cos", t, device, type, () -> ropeTable(t, true), new Shape(t, spec.headSize() / 2));
    }

    public synchronized NDArray ropeSin(int t, Device device) {
        return ropeSin(t, device, DataType.FLOAT32);
    }

    public synchronized NDArray ropeSin(int t, Device device, DataType type) {
        return cached("sin", t, device, type, () -> ropeTable(t, false), new Shape(t, spec.headSize() / 2));
    }

    /** [H, T, T]: -slope_h · (i - j) for key j ≤ query i (the causal mask adds -inf above). */
    public synchronized NDArray alibiBias(int t, Device device) {
        return alibiBias(t, device, DataType.FLOAT32);
    }

    public synchronized NDArray alibiBias(int t, Device device, DataType type) {
        int h = spec.numHeads();
        return cached("alibi", t, device, type, () -> {
            double[] slopes = alibiSlopes(h);
            float[] b = new float[h * t * t];
            for (int k = 0; k < h; k++) {
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j <= i; j++) b[(k * t + i) * t + j] = (float) (-slopes[k] * (i - j));
                }
            }
            return b;
        }, new Shape(h, t, t));
    }

    private float[] ropeTable(int t, boolean cos) {
        int half = spec.headSize() / 2;
        float[] out = new float[t * half];
        for (int p = 0; p < t; p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * Math.pow(spec.ropeTheta(), -2.0 * i / spec.headSize());
                out[p * half + i] = (float) (cos ? Math.cos(angle) : Math.sin(angle));
            }
        }
        return out;
    }

    /**
     * ALiBi's head slopes (Press et al. 2022): for n a power of two, 2^(-8k/n) for k = 1..n; otherwise those of the
     * largest power of two m below n, then every other slope of 2m for the remaining heads (Baichuan 2 13B has 40).
     */
    public static double[] alibiSlopes(int n) {
        int m = Integer.highestOneBit(n);
        double[] out = new double[n];
        for (int k = 0; k < m; k++) out[k] = Math.pow(2, -8.0 * (k + 1) / m);
        for (int k = 0; k < n - m; k++) out[m + k] = Math.pow(2, -8.0 * (2 * k + 1) / (2 * m));
        return out;
    }

    private NDArray cached(String kind, int t, Device device, DataType type, java.util.function.Supplier<float[]> values, Shape shape) {
        String key = kind + "/" + t + "/" + device + "/" + type;
        NDArray a = cache.get(key);
        if (a == null) {
            NDArray host = manager.create(values.get(), shape);
            NDScope.unregister(host);
            a = host.toDevice(device, false);
            if (type != DataType.FLOAT32) {
                NDArray typed = a.toType(type, true);
                NDScope.unregister(typed);
                if (a != host) a.close();
                a = typed;
            }
            if (a != host) {
                NDScope.unregister(a);
                a.attach(manager);
                host.close();
            }
            cache.put(key, a);
        }
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }
}
