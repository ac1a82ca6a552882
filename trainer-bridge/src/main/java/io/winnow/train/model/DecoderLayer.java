package io.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** One pre-norm block: {@code h = x + attn(norm(x)); y = h + ffn(norm(h))}. */
public final class DecoderLayer extends AbstractBlock {
    private final RmsNorm attnNorm;
    private final CausalSelfAttention attn;
    private final RmsNorm ffnNorm;
    private final SwiGluFeedForward ffn;

    public DecoderLayer(ModelSpec spec, PositionTables tables) {
        super((byte) 1);
        attnNorm = addChildBlock("attn_norm", new RmsNorm(spec.normEps()));
        attn = addChildBlock("attn", new CausalSelfAttention(spec, tables));
        ffnNorm = addChildBlock("ffn_norm", new RmsNorm(spec.normEps()));
        ffn = addChildBlock("ffn", new SwiGluFeedForward(spec));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (AbstractBlock b : new AbstractBlock[] {attnNorm, attn, ffnNorm, ffn}) b.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray h = x.add(attn.forward(ps, attnNorm.forward(ps, inputs, training), training).singletonOrThrow());
        NDList hl = new NDList(h);
        NDArray y = h.add(ffn.forward(ps, ffnNorm.forward(ps, hl, training), training).singletonOrThrow());
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }
}
