package io.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Token ids [B, T] to vectors [B, T, d]: rows of a learned [V, d] table. */
public final class TokenEmbedding extends AbstractBlock {
    private final int vocab;
    private final int dim;
    private final Parameter table;

    public TokenEmbedding(int vocab, int dim) {
        super((byte) 1);
        this.vocab = vocab;
        this.dim = dim;
        this.table = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocab, dim)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        if (ids.getDataType() != DataType.INT64) ids = ids.toType(DataType.INT64, false);
        NDArray w = ps.getValue(table, ids.getDevice(), training);
        return ids.getNDArrayInternal().embedding(ids, w, SparseFormat.DENSE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0].add(dim)};
    }

    public int vocab() { return vocab; }
}
