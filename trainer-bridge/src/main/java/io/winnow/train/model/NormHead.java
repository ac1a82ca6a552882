package io.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The output layer: logits {@code x Ŵᵀ} over the vocabulary, where for NormHead (Baichuan 2 §2.6) every row of the
 * [V, d] output embedding is scaled to unit L2 norm before the product. Rare tokens' rows then cannot shrink or
 * grow away from the rest, and a logit measures the angle between hidden state and token. With
 * {@code normalize=false} it is a plain untied output projection.
 */
public final class NormHead extends AbstractBlock {
    private final boolean normalize;
    private final Parameter weight;
    private final int vocab;

    public NormHead(int vocab, boolean normalize) {
        super((byte) 1);
        this.vocab = vocab;
        this.normalize = normalize;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        weight.setShape(new Shape(vocab, in.get(in.dimension() - 1)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(apply(x, ps.getValue(weight, x.getDevice(), training), normalize));
    }

    /** Logits for hidden states x [.., d] and output embedding w [V, d]. */
    public static NDArray apply(NDArray x, NDArray w, boolean normalize) {
        NDArray rows = normalize ? w.normalize(2, 1, 1e-12) : w;
        return Dense.apply(x, rows);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(vocab)};
    }

    public boolean normalizes() { return normalize; }
}
