package io.winnow.train.model;

/**
 * The shape of a Baichuan-2-style decoder: pre-RMSNorm blocks of causal self-attention (RoPE or ALiBi) and a
 * SwiGLU feed-forward, a final RMSNorm and an untied output head (NormHead when {@code normHead}).
 *
 * @param maxZLossWeight the max-z loss coefficient (Baichuan 2: 2e-4); 0 turns it off
 */
public record ModelSpec(int vocabSize, int hiddenSize, int numLayers, int numHeads, int ffnHiddenSize, int seqLength,
                        PositionEncoding position, double ropeTheta, double normEps, boolean normHead, double initStd,
                        double maxZLossWeight) {

    public ModelSpec {
        require(vocabSize > 0, "vocab_size must be positive");
        require(hiddenSize > 0, "hidden_size must be positive");
        require(numLayers > 0, "num_layers must be positive");
        require(numHeads > 0 && hiddenSize % numHeads == 0,
                "num_heads (" + numHeads + ") must divide hidden_size (" + hiddenSize + ")");
        require(position != PositionEncoding.ROPE || (hiddenSize / numHeads) % 2 == 0,
                "RoPE needs an even head size; hidden_size / num_heads is " + hiddenSize / Math.max(1, numHeads));
        require(ffnHiddenSize > 0, "ffn_hidden_size must be positive");
        require(seqLength > 1, "seq_length must be at least 2");
        require(ropeTheta > 0, "rope_theta must be positive");
        require(normEps > 0, "norm_eps must be positive");
        require(initStd > 0, "init_std must be positive");
        require(maxZLossWeight >= 0, "max_z_loss must not be negative");
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    public int headSize() { return hiddenSize / numHeads; }

    /**
     * SwiGLU's hidden size for a model width: 8/3 of it (three matrices cost what two 4x matrices did), rounded up
     * to a multiple of {@code multiple}. Baichuan 2: 4,096 → 11,008 and 5,120 → 13,696 with multiple 128.
     */
    public static int swigluHidden(int hiddenSize, int multiple) {
        int f = (int) Math.ceil(hiddenSize * 8.0 / 3.0);
        return (f + multiple - 1) / multiple * multiple;
    }

    /** Weights in the model: embeddings, per-layer attention (4 d²) and SwiGLU (3 d f) and two norms, final norm, head. */
    public long parameterCount() {
        long d = hiddenSize;
        long perLayer = 4 * d * d + 3 * d * ffnHiddenSize + 2 * d;
        return 2L * vocabSize * d + numLayers * perLayer + d;
    }
}
