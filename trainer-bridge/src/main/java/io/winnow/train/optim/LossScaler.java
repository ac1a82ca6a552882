package io.winnow.train.optim;

import ai.djl.ndarray.NDArray;
import java.util.Collection;

/**
 * Dynamic loss scaling for fp16 mixed precision (Micikevicius et al. 2018; the defaults of
 * {@code torch.amp.GradScaler}): the loss is multiplied by the scale before backward so that small gradients do
 * not underflow in fp16; the gradients are divided by it again before clipping and the update. A step whose
 * gradients hold an inf or NaN is skipped and the scale halved; after {@code growthInterval} good steps in a row
 * it doubles. Its two numbers are part of a checkpoint. Disabled (scale 1, nothing skipped) in fp32.
 */
public final class LossScaler {
    public static final double INITIAL = 65_536;
    private final boolean enabled;
    private final int growthInterval;
    private double scale;
    private long goodSteps;

    public LossScaler(boolean enabled, int growthInterval) {
        this.enabled = enabled;
        this.growthInterval = growthInterval;
        this.scale = enabled ? INITIAL : 1;
    }

    public static LossScaler disabled() {
        return new LossScaler(false, 2000);
    }

    public boolean enabled() { return enabled; }

    public double scale() { return scale; }

    public long goodSteps() { return goodSteps; }

    /** Restores a checkpoint's scaler state. */
    public void restore(double scale, long goodSteps) {
        if (!enabled) return;
        if (!(scale > 0) || !Double.isFinite(scale)) throw new IllegalArgumentException("loss scale must be positive, got " + scale);
        this.scale = scale;
        this.goodSteps = goodSteps;
    }

    /** The loss to differentiate. */
    public NDArray scaleLoss(NDArray loss) {
        return enabled ? io.winnow.train.model.Scalars.mul(loss, scale) : loss;
    }

    /**
     * Divides the gradients by the scale in place when they are all finite, and updates the scale; returns whether
     * the step should be applied (false: the gradients overflowed, skip the update).
     */
    public boolean unscale(Collection<NDArray> grads) {
        if (!enabled) return true;
        boolean finite = true;
        for (NDArray g : grads) {
            if (g.isInfinite().any().getBoolean() || g.isNaN().any().getBoolean()) {
                finite = false;
                break;
            }
        }
        if (!finite) {
            scale = Math.max(1, scale / 2);
            goodSteps = 0;
            return false;
        }
        float inv = (float) (1 / scale);
        for (NDArray g : grads) g.muli(inv);
        if (++goodSteps >= growthInterval) {
            scale *= 2;
            goodSteps = 0;
        }
        return true;
    }
}
