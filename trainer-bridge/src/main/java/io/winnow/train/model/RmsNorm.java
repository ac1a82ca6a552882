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
 * gain g (initialized to ones) and no bias or mean subtraction (Zhang and Sennrich 2019). Computed in fp32 and
 * returned in the input's precision, as mixed-precision trainers do.
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
        DataType in = x.getDataType();
        NDArray x32 = in == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
        NDArray rms = x32.square().mean(new int[] {-1}, true).add((float) eps).sqrt();
        NDArray y = x32.div(rms).mul(gain);
        return in == DataType.FLOAT32 ? y : y.toType(in, false);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }
}
