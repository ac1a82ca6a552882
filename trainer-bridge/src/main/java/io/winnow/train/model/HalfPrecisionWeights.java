package io.winnow.train.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * fp16 mixed precision with fp32 master weights (Micikevicius et al. 2018), in the form DJL allows: its
 * {@code toType} runs without autograd, so the model cannot cast inside the graph. Instead, before each step every
 * fp32 parameter is copied to an fp16 leaf tensor; the forward and backward passes run on those copies; their
 * gradients are copied back to fp32 for loss unscaling, clipping and the AdamW update of the fp32 masters.
 * The copies are created in the caller's scope and freed with it.
 */
public final class HalfPrecisionWeights extends ParameterStore {
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final Map<Parameter, NDArray> copies = new IdentityHashMap<>();
    private final DataType type;

    public HalfPrecisionWeights(NDManager manager, DecoderModel model, DataType type) {
        super(manager, false);
        this.type = type;
        for (Pair<String, Parameter> p : model.getParameters()) params.put(p.getKey(), p.getValue());
    }

    /** Makes fresh working copies of the current fp32 weights; with {@code training} they collect gradients. */
    public void refresh(boolean training) {
        copies.clear();
        for (Parameter p : params.values()) {
            NDArray c = p.getArray().toType(type, true);
            if (training) c.setRequiresGradient(true);
            copies.put(p, c);
        }
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        NDArray c = copies.get(parameter);
        if (c == null) throw new IllegalStateException("no working copy of " + parameter.getName() + ": call refresh() first");
        return c;
    }

    /** The copies' gradients as fp32 arrays, by parameter name. */
    public Map<String, NDArray> gradients() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            out.put(e.getKey(), copies.get(e.getValue()).getGradient().toType(DataType.FLOAT32, true));
        }
        return out;
    }
}
