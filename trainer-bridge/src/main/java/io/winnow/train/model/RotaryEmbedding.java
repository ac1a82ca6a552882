package io.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Rotary position embedding (Su et al. 2021) in the half-split layout Baichuan 2, LLaMA and Megatron-LM use:
 * a head vector's first half x₁ and second half x₂ are rotated pairwise, (x₁, x₂) → (x₁cos − x₂sin, x₂cos + x₁sin),
 * by the angle p·θ^(-2i/D) of position p and pair i. q·k then depends only on the distance of the two positions.
 */
public final class RotaryEmbedding {
    private RotaryEmbedding() {}

    /**
     * @param x [B, H, T, D] queries or keys
     * @param cos [T, D/2] from {@link PositionTables#ropeCos}, in x's precision
     * @param sin [T, D/2]
     */
    public static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        int last = x.getShape().dimension() - 1;
        NDList halves = x.split(2, last);
        NDArray x1 = halves.get(0);
        NDArray x2 = halves.get(1);
        NDArray r1 = x1.mul(cos).sub(x2.mul(sin));
        NDArray r2 = x2.mul(cos).add(x1.mul(sin));
        return r1.concat(r2, last);
    }
}
