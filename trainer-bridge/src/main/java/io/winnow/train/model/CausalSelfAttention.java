package io.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head causal self-attention: one packed q/k/v projection ([3d, d], as Baichuan's {@code W_pack}), RoPE on
 * q and k or ALiBi biases on the scores, softmax over earlier positions only, and an output projection.
 */
public final class CausalSelfAttention extends AbstractBlock {
    private final ModelSpec spec;
    private final PositionTables tables;
    private final Dense qkv;
    private final Dense out;

    public CausalSelfAttention(ModelSpec spec, PositionTables tables) {
        super((byte) 1);
        this.spec = spec;
        this.tables = tables;
        this.qkv = addChildBlock("qkv", new Dense(3L * spec.hiddenSize()));
        this.out = addChildBlock("out", new Dense(spec.hiddenSize()));
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        qkv.initialize(manager, dataType, inputShapes[0]);
        out.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long b = x.getShape().get(0);
        int t = (int) x.getShape().get(1);
        int h = spec.numHeads();
        int dh = spec.headSize();
        // [B, T, 3d] → [B, T, 3, H, Dh] → [3, B, H, T, Dh]
        NDArray packed = qkv.forward(ps, new NDList(x), training).singletonOrThrow()
                .reshape(b, t, 3, h, dh).transpose(2, 0, 3, 1, 4);
        NDList parts = packed.split(3, 0);
        NDArray q = parts.get(0).squeeze(0);
        NDArray k = parts.get(1).squeeze(0);
        NDArray v = parts.get(2).squeeze(0);
        DataType type = x.getDataType();
        if (spec.position() == PositionEncoding.ROPE) {
            NDArray cos = tables.ropeCos(t, x.getDevice(), type);
            NDArray sin = tables.ropeSin(t, x.getDevice(), type);
            q = RotaryEmbedding.apply(q, cos, sin);
            k = RotaryEmbedding.apply(k, cos, sin);
        }
        // softmax accumulates in fp32 inside PyTorch's kernels also for fp16 inputs
        NDArray scores = Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), Math.sqrt(dh));
        if (spec.position() == PositionEncoding.ALIBI) scores = scores.add(tables.alibiBias(t, x.getDevice(), type));
        NDArray weights = scores.add(tables.causalMask(t, x.getDevice(), type)).softmax(-1);
        NDArray ctx = weights.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, (long) h * dh);
        return out.forward(ps, new NDList(ctx), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }
}
