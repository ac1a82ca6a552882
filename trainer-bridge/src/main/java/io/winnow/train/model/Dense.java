package io.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A linear map without bias ({@code y = x Wᵀ}, W of shape [out, in]), as every projection of the decoder. */
public final class Dense extends AbstractBlock {
    private final long out;
    private final Parameter weight;

    public Dense(long out) {
        super((byte) 1);
        this.out = out;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        weight.setShape(new Shape(out, in.get(in.dimension() - 1)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(apply(x, ps.getValue(weight, x.getDevice(), training)));
    }

    /** {@code x Wᵀ}; x and W share a precision (see {@link HalfPrecisionWeights} for fp16). */
    public static NDArray apply(NDArray x, NDArray w) {
        if (w.getDataType() != x.getDataType()) {
            throw new IllegalStateException("a " + w.getDataType() + " weight on a " + x.getDataType() + " input: DJL's casts drop the "
                    + "gradient, so fp16 training runs on fp16 working copies of the weights (HalfPrecisionWeights)");
        }
        return x.getNDArrayInternal().linear(x, w, null).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(out)};
    }

    public Parameter weight() { return weight; }
}
