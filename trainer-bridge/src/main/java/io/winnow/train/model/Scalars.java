package io.winnow.train.model;

import ai.djl.ndarray.NDArray;

/**
 * Scalar operands for ops inside the autograd graph. DJL's {@code x.mul(Number)} and {@code x.div(Number)} make the
 * scalar a tensor over a Java direct buffer and close it as soon as the op returns, but autograd keeps that tensor
 * for the backward pass (the gradient of x·c needs c); once the garbage collector frees the buffer, backward reads
 * whatever reused the memory. Reproduced in ScalarsTest (every trial wrong after a GC); it showed up as a rare
 * gradient-norm spike of 10⁴ in a training run. The scalars made here live in the operand's manager (and the
 * current NDScope), so they outlast the backward pass of the step.
 */
public final class Scalars {
    private Scalars() {}

    /** A 0-d fp32 tensor on {@code like}'s device, owned by its manager (0-d operands do not change an fp16 result's type). */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().create((float) value);
    }

    public static NDArray mul(NDArray x, double value) {
        return x.mul(of(x, value));
    }

    public static NDArray div(NDArray x, double value) {
        return x.div(of(x, value));
    }
}
