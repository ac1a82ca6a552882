package io.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Root-mean-square normalization over the last axis, {@code y = x / sqrt(mean(x²) + eps) · g}, with a learned
 * gain g (initialized to ones) and no bias or mean subtraction (Zhang and Sennrich 2019). Runs in the input's
 * precision: DJL's casts are not differentiable, so a mixed-precision model cannot step up to fp32 inside the graph.
 */
public final class RmsNorm extends AbstractBlock {
    private final double eps;
    private final Parameter gain;

    public RmsNorm(double eps) {
        super((byte) 1);
        this.eps = eps;
        this.gain = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        gain.setShape(new Shape(in.get(in.dimension() - 1)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(apply(x, ps.getValue(gain, x.getDevice(), training), eps));
    }

    public static NDArray apply(NDArray x, NDArray gain, double eps) {
        if (x.getDataType() == DataType.FLOAT32) {
            NDArray rms = x.square().mean(new int[] {-1}, true).add(Scalars.of(x, eps)).sqrt();
            return x.div(rms).mul(gain);
        }
        // fp16: x² overflows above 256, so take the L2 norm (PyTorch accumulates it in fp32) and divide by sqrt(d);
        // x / (rms + eps) differs from x / sqrt(ms + eps) by less than eps / rms
        long d = x.getShape().get(x.getShape().dimension() - 1);
        NDArray rms = Scalars.div(x.norm(2, new int[] {-1}, true), Math.sqrt(d)).add(Scalars.of(x, eps));
        return x.div(rms).mul(gain);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }
}
