package io.winnow.train.config;

import io.winnow.train.model.PositionEncoding;
import java.util.Arrays;
import java.util.Locale;

/**
 * Model and training defaults by name. {@code baichuan2-7b} and {@code baichuan2-13b} are the published shapes
 * (Baichuan 2, arXiv 2309.10305, Table 3, and the released configs: vocabulary 125,696, sequence 4,096; 7B: 32
 * layers of width 4,096, 32 heads, SwiGLU 11,008, RoPE, peak learning rate 2e-4; 13B: 40 layers of 5,120, 40
 * heads, SwiGLU 13,696, ALiBi, 1.5e-4). {@code tiny} trains on a CPU in seconds (tests, quickstart);
 * {@code small} is a CPU benchmark size. A vocabulary of 0 means "the mixture's tokenizer's".
 */
public enum Preset {
    TINY("tiny", 0, 64, 2, 4, 176, 64, PositionEncoding.ROPE, 8, 3e-3, 3e-4, 20, 300),
    SMALL("small", 0, 256, 4, 4, 704, 256, PositionEncoding.ROPE, 8, 1e-3, 1e-4, 100, 2000),
    BAICHUAN2_7B("baichuan2-7b", 125_696, 4096, 32, 32, 11_008, 4096, PositionEncoding.ROPE, 1, 2e-4, 2e-5, 2000, 0),
    BAICHUAN2_13B("baichuan2-13b", 125_696, 5120, 40, 40, 13_696, 4096, PositionEncoding.ALIBI, 1, 1.5e-4, 1.5e-5, 2000, 0);

    public final String id;
    public final int vocabSize;
    public final int hiddenSize;
    public final int numLayers;
    public final int numHeads;
    public final int ffnHiddenSize;
    public final int seqLength;
    public final PositionEncoding position;
    public final int microBatchSize;
    public final double lr;
    /** The paper decays "to the minimum learning rate" without giving it; a tenth of the peak is our default. */
    public final double minLr;
    public final long warmupSteps;
    /** Default training steps for the in-process trainer (0: the config must say). */
    public final long steps;

    Preset(String id, int vocabSize, int hiddenSize, int numLayers, int numHeads, int ffnHiddenSize, int seqLength,
           PositionEncoding position, int microBatchSize, double lr, double minLr, long warmupSteps, long steps) {
        this.id = id;
        this.vocabSize = vocabSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.numHeads = numHeads;
        this.ffnHiddenSize = ffnHiddenSize;
        this.seqLength = seqLength;
        this.position = position;
        this.microBatchSize = microBatchSize;
        this.lr = lr;
        this.minLr = minLr;
        this.warmupSteps = warmupSteps;
        this.steps = steps;
    }

    public static Preset of(String id) {
        for (Preset p : values()) if (p.id.equals(id.trim().toLowerCase(Locale.ROOT))) return p;
        throw new IllegalArgumentException("unknown preset '" + id + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(p -> p.id).toList()) + ")");
    }
}
