package io.winnow.train.config;

import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import io.winnow.train.model.ModelSpec;
import io.winnow.train.model.PositionEncoding;
import java.nio.file.Path;

/**
 * A pretraining run ({@code configs/train/NAME.yaml}): a preset for the model and its training defaults, the
 * mixture to read, and any value of the preset overridden. Every key is optional except {@code data.mixture}.
 * <pre>
 * name: tiny
 * preset: tiny                      # tiny | small | baichuan2-7b | baichuan2-13b
 * output: build/train/tiny          # checkpoints, metrics.jsonl, loss.png
 * data: {mixture: build/mix/quickstart}
 * model: {hidden_size: 64, position: rope}                 # overrides of the preset
 * train: {steps: 300, micro_batch_size: 8, lr: 3.0e-3, warmup_steps: 20, eval_interval: 50}
 * checkpoint: {interval: 100, keep_last: 2, keep_every_tokens: 0}
 * device: auto                      # auto | cpu | gpu | gpu:N
 * precision: auto                   # auto (fp16 + loss scaling on CUDA, fp32 on CPU) | fp32 | fp16
 * threads: 1                        # PyTorch intra-op threads (0: all cores)
 * megatron: {nodes: 1, gpus_per_node: 8, global_batch_size: 1024}
 * </pre>
 */
public final class PretrainConfig implements Config.Validatable {
    public String name = "pretrain";
    public String preset = "tiny";
    public String output;
    public Data data = new Data();
    public Model model = new Model();
    public Train train = new Train();
    public Checkpoint checkpoint = new Checkpoint();
    public String device = "auto";
    public String precision = "auto";
    /**
     * PyTorch intra-op threads (0: all cores; inter-op threads stay at 1). Default 1: on a busy 2-core machine a
     * second thread did not help even with OMP_WAIT_POLICY=PASSIVE, and without it (OpenMP spinning) 2 threads were
     * 14x slower (bench/results/train-bench.md); raise it for larger models on an idle machine.
     */
    public int threads = 1;
    public Megatron megatron = new Megatron();

    public static final class Data {
        /** A finished `winnow mix` directory (holds manifest.json). */
        public String mixture;
    }

    /** Overrides of the preset's model; unset keys keep the preset's value. */
    public static final class Model {
        /** Defaults to the preset's, or for tiny/small to the mixture tokenizer's vocabulary. */
        public Integer vocabSize;
        public Integer hiddenSize;
        public Integer numLayers;
        public Integer numHeads;
        public Integer ffnHiddenSize;
        public Integer seqLength;
        public String position;
        public Double ropeTheta = 10_000.0;
        public Double normEps = 1e-6;
        public Boolean normHead = true;
        public Double initStd = 0.02;
        /** Baichuan 2's max-z loss coefficient; 0 turns it off. */
        public Double maxZLoss = 2e-4;
    }

    public static final class Train {
        public Long steps;
        /** Alternative to steps: train this many tokens (steps = tokens / (batch · seq_length), rounded up). */
        public Long tokens;
        public Integer microBatchSize;
        public int gradAccumSteps = 1;
        public Double lr;
        public Double minLr;
        public Long warmupSteps;
        /** Where the cosine reaches min_lr (default: the last step). */
        public Long decaySteps;
        public double beta1 = 0.9;
        public double beta2 = 0.95;
        public double adamEps = 1e-8;
        public double weightDecay = 0.1;
        /** Global gradient-norm limit (Baichuan 2: 0.5); 0 turns clipping off. */
        public double clipGrad = 0.5;
        public long seed = 42;
        public int logInterval = 10;
        /** Validation every this many steps (0: only at the end). */
        public int evalInterval = 50;
        /** Validation batches per evaluation (the same ones every time). */
        public int evalBatches = 8;
    }

    public static final class Checkpoint {
        /** Save every this many steps (0: only at the end). */
        public int interval = 100;
        /** Regular checkpoints kept (older ones are deleted once a newer one is written). */
        public int keepLast = 2;
        /**
         * Release schedule: also keep, for good, the first checkpoint at or past every multiple of this many
         * training tokens (Baichuan 2 published intermediate checkpoints from 220B to 2,640B tokens). 0: none.
         */
        public long keepEveryTokens = 0;
    }

    /** Multi-node launch with torchrun + Megatron-LM's pretrain_gpt.py (`winnow train --launcher megatron`). */
    public static final class Megatron {
        public int nodes = 1;
        public int gpusPerNode = 8;
        public int tensorParallel = 1;
        public int pipelineParallel = 1;
        /** Sequences per optimizer step over all GPUs (the paper gives none; 1,024 × 4,096 = 4M tokens). */
        public Integer globalBatchSize;
        /** A checkout of NVIDIA/Megatron-LM on every node. */
        public String megatronDir = "/opt/Megatron-LM";
        public String masterAddr = "localhost";
        public int masterPort = 29500;
        public int saveInterval = 1000;
        public int evalIters = 10;
        /** Where the script writes checkpoints and logs (default: OUTPUT/megatron). */
        public String save;
    }

    @Override
    public void validate() {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("name: use letters, digits, '.', '_' or '-'");
        Preset.of(preset == null ? "" : preset);
    }

    /** Binds {@code config} and checks it; mistakes are ConfigExceptions naming the key and file. */
    public static PretrainConfig bind(Config config) {
        PretrainConfig c = config.bind(PretrainConfig.class);
        try {
            c.presetValue();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(config.sourceFor("preset"), "preset", e.getMessage());
        }
        return c;
    }

    public Preset presetValue() { return Preset.of(preset); }

    public Path outputDir() {
        return Path.of(output != null ? output : "build/train/" + name);
    }

    /** The model: the preset with this config's overrides; {@code tokenizerVocab} fills a preset vocabulary of 0. */
    public ModelSpec modelSpec(int tokenizerVocab) {
        Preset p = presetValue();
        int vocab = model.vocabSize != null ? model.vocabSize : p.vocabSize > 0 ? p.vocabSize : tokenizerVocab;
        return new ModelSpec(vocab, or(model.hiddenSize, p.hiddenSize), or(model.numLayers, p.numLayers),
                or(model.numHeads, p.numHeads), or(model.ffnHiddenSize, p.ffnHiddenSize), or(model.seqLength, p.seqLength),
                model.position != null ? PositionEncoding.parse(model.position) : p.position, model.ropeTheta, model.normEps,
                model.normHead, model.initStd, model.maxZLoss);
    }

    public int microBatchSize() { return or(train.microBatchSize, presetValue().microBatchSize); }

    public double lr() { return train.lr != null ? train.lr : presetValue().lr; }

    public double minLr() { return train.minLr != null ? train.minLr : Math.min(lr(), presetValue().minLr); }

    public long warmupSteps() { return train.warmupSteps != null ? train.warmupSteps : presetValue().warmupSteps; }

    /** Optimizer steps of the run, from train.steps, or train.tokens over the tokens of one step. */
    public long steps(long tokensPerStep) {
        if (train.steps != null) return train.steps;
        if (train.tokens != null) return (train.tokens + tokensPerStep - 1) / tokensPerStep;
        if (presetValue().steps > 0) return presetValue().steps;
        throw new IllegalArgumentException("give train.steps or train.tokens (the " + preset + " preset has no default)");
    }

    private static int or(Integer v, int d) { return v != null ? v : d; }
}
