package io.winnow.train.optim;

import ai.djl.ndarray.NDArray;
import java.util.Collection;

/** Clipping by the global L2 norm of all gradients, as {@code torch.nn.utils.clip_grad_norm_} and Megatron's {@code --clip-grad}. */
public final class GradientClipping {
    private GradientClipping() {}

    /** The L2 norm over all gradients together. */
    public static double globalNorm(Collection<NDArray> grads) {
        double sum = 0;
        for (NDArray g : grads) sum += g.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).square().sum().getFloat();
        return Math.sqrt(sum);
    }

    /**
     * Scales the gradients in place so that their global norm is at most {@code maxNorm} (factor
     * {@code maxNorm / (norm + 1e-6)} when the norm is above it); returns the norm before clipping.
     * {@code maxNorm <= 0} only measures.
     */
    public static double clip(Collection<NDArray> grads, double maxNorm) {
        double norm = globalNorm(grads);
        if (maxNorm > 0 && norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (NDArray g : grads) g.muli(scale);
        }
        return norm;
    }
}
