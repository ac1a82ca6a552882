package io.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Next-token cross-entropy plus Baichuan 2's max-z loss: {@code w · z²} with z the largest logit at a position,
 * averaged over positions (w = 2e-4 in the paper). It keeps logits from drifting to large values, which
 * stabilizes training and makes inference less sensitive to repetition penalties (§2.6).
 */
public final class LmLoss {
    private LmLoss() {}

    /** The loss terms, each a scalar NDArray; {@code total} is what is differentiated. */
    public record Terms(NDArray crossEntropy, NDArray maxZ, NDArray total) {}

    /**
     * @param logits [B, T, V] (any float type; computed in fp32)
     * @param targets [B, T] token ids
     * @param maxZWeight the max-z coefficient; 0 leaves it out
     */
    public static Terms compute(NDArray logits, NDArray targets, double maxZWeight) {
        NDArray l = toFloat32(logits);
        NDArray idx = (targets.getDataType() == DataType.INT64 ? targets : targets.toType(DataType.INT64, false)).expandDims(-1);
        NDArray nll = l.logSoftmax(-1).gather(idx, -1).neg();
        NDArray ce = nll.mean();
        if (maxZWeight == 0) return new Terms(ce, null, ce);
        NDArray z = l.max(new int[] {-1}, false);
        NDArray maxZ = Scalars.mul(z.square().mean(), maxZWeight);
        return new Terms(ce, maxZ, ce.add(maxZ));
    }

    /**
     * fp16 logits to fp32 keeping the gradient: DJL's {@code toType} runs without autograd, but adding a one-element
     * fp32 zero promotes the result to fp32 through PyTorch's type promotion, which autograd follows.
     */
    static NDArray toFloat32(NDArray x) {
        if (x.getDataType() == DataType.FLOAT32) return x;
        return x.add(x.getManager().zeros(new ai.djl.ndarray.types.Shape(1), DataType.FLOAT32, x.getDevice()));
    }
}
