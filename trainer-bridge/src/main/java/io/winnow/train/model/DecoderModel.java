package io.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder-only transformer: token embedding, {@code numLayers} pre-RMSNorm blocks, a final RMSNorm and the
 * output head. Input: token ids [B, T]; output: logits [B, T, V] in the weights' precision. The parameters are fp32;
 * fp16 training feeds fp16 working copies of them through a {@link HalfPrecisionWeights} parameter store.
 */
public final class DecoderModel extends AbstractBlock implements AutoCloseable {
    private final ModelSpec spec;
    private final DataType computeType;
    private final TokenEmbedding embed;
    private final List<DecoderLayer> layers = new ArrayList<>();
    private final RmsNorm finalNorm;
    private final NormHead head;
    private PositionTables tables;

    private DecoderModel(ModelSpec spec, DataType computeType, PositionTables tables) {
        super((byte) 1);
        this.spec = spec;
        this.computeType = computeType;
        this.tables = tables;
        embed = addChildBlock("embed", new TokenEmbedding(spec.vocabSize(), spec.hiddenSize()));
        for (int i = 0; i < spec.numLayers(); i++) layers.add(addChildBlock("layer" + i, new DecoderLayer(spec, tables)));
        finalNorm = addChildBlock("final_norm", new RmsNorm(spec.normEps()));
        head = addChildBlock("head", new NormHead(spec.vocabSize(), spec.normHead()));
    }

    /**
     * Builds the model with its weights drawn from N(0, init_std²) (norm gains: ones) on {@code manager}'s device.
     * The draw uses the engine's generator: seed it first ({@code Engine.setRandomSeed}) for reproducible weights.
     */
    public static DecoderModel create(ModelSpec spec, NDManager manager, DataType computeType) {
        DecoderModel m = new DecoderModel(spec, computeType, new PositionTables(spec, manager));
        m.setInitializer(new NormalInitializer((float) spec.initStd()), Parameter.Type.WEIGHT);
        m.initialize(manager, DataType.FLOAT32, new Shape(1, spec.seqLength()));
        return m;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        Shape hidden = ids.add(spec.hiddenSize());
        embed.initialize(manager, dataType, ids);
        for (DecoderLayer l : layers) l.initialize(manager, dataType, hidden);
        finalNorm.initialize(manager, dataType, hidden);
        head.initialize(manager, dataType, hidden);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList h = embed.forward(ps, inputs, training);
        for (DecoderLayer l : layers) h = l.forward(ps, h, training);
        return head.forward(ps, finalNorm.forward(ps, h, training), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0].add(spec.vocabSize())};
    }

    public ModelSpec spec() { return spec; }

    public DataType computeType() { return computeType; }

    @Override
    public void close() {
        if (tables != null) tables.close();
        tables = null;
    }
}
