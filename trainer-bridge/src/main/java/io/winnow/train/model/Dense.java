package io.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A linear map without bias ({@code y = x Wᵀ}, W of shape [out, in]), as every projection of the decoder.
 * The weight stays in fp32 (the master copy the optimizer updates); when the input is fp16 the weight is cast
 * to fp16 for the product, and the gradient flows back through the cast into the fp32 weight.
 */
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

    /** {@code x Wᵀ} in the input's precision. */
    public static NDArray apply(NDArray x, NDArray w) {
        NDArray wc = w.getDataType() == x.getDataType() ? w : w.toType(x.getDataType(), false);
        return x.getNDArrayInternal().linear(x, wc, null).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(out)};
    }

    public Parameter weight() { return weight; }
}
