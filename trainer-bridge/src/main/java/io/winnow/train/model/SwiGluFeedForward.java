package io.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** SwiGLU feed-forward (Shazeer 2020): {@code down(silu(gate x) ⊙ up x)}, hidden size ≈ 8/3 of the model width. */
public final class SwiGluFeedForward extends AbstractBlock {
    private final Dense gate;
    private final Dense up;
    private final Dense down;
    private final int ffn;

    public SwiGluFeedForward(ModelSpec spec) {
        super((byte) 1);
        this.ffn = spec.ffnHiddenSize();
        this.gate = addChildBlock("gate", new Dense(ffn));
        this.up = addChildBlock("up", new Dense(ffn));
        this.down = addChildBlock("down", new Dense(spec.hiddenSize()));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        gate.initialize(manager, dataType, inputShapes[0]);
        up.initialize(manager, dataType, inputShapes[0]);
        Shape in = inputShapes[0];
        down.initialize(manager, dataType, in.slice(0, in.dimension() - 1).add(ffn));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        NDArray g = gate.forward(ps, x, training).singletonOrThrow();
        NDArray u = up.forward(ps, x, training).singletonOrThrow();
        NDArray hidden = silu(g).mul(u);
        return down.forward(ps, new NDList(hidden), training);
    }

    /** x · sigmoid(x). */
    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }
}
