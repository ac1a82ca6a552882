package io.winnow.train.launch;

import io.winnow.mixture.manifest.Manifest;
import io.winnow.train.config.PretrainConfig;
import io.winnow.train.model.ModelSpec;
import io.winnow.train.model.PositionEncoding;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of Megatron-LM's {@code pretrain_gpt.py} for a Winnow training config: the model's dimensions
 * and Baichuan 2's choices (RMSNorm, SwiGLU, RoPE, no biases, untied output, AdamW β2 0.95, clipping, warmup +
 * cosine, bf16), parallelism for N nodes × G GPUs, and the mixture's train and validation files as
 * {@code --train-data-path}/{@code --valid-data-path} weight-prefix pairs (weights: the files' token counts, which
 * keeps the mix's proportions). Option names are those of Megatron-LM's parser (checked by a test against the
 * options dumped from it, tools/megatron_args_spec.py).
 *
 * <p>Not expressible in Megatron-LM, so left out and said so in the script: ALiBi (its position types are
 * learned_absolute, rope, yarn, mrope, relative and none; the 13B shape is refused rather than silently trained
 * with another one), NormHead, and the max-z loss (its z-loss is for MoE routers only).
 */
public final class MegatronArguments {
    /** One group of arguments, rendered as a bash array. */
    public record Group(String name, String comment, List<String> args) {}

    /** Shell variables the script defines; paths are written relative to them so nodes can mount data elsewhere. */
    public static final String DATA_DIR = "DATA_DIR";
    public static final String SAVE_DIR = "SAVE_DIR";

    private final PretrainConfig cfg;
    private final Manifest manifest;
    private final Path mixDir;

    public MegatronArguments(PretrainConfig cfg, Manifest manifest, Path mixDir) {
        this.cfg = cfg;
        this.manifest = manifest;
        this.mixDir = mixDir.toAbsolutePath().normalize();
    }

    public ModelSpec model() {
        ModelSpec spec = cfg.modelSpec(manifest.vocabSize());
        if (spec.position() == PositionEncoding.ALIBI) {
            throw new IllegalArgumentException("Megatron-LM has no ALiBi (--position-embedding-type accepts learned_absolute, rope, yarn, "
                    + "mrope, relative, none), so the " + cfg.preset + " shape cannot be launched as configured: use "
                    + "--set model.position=rope, or a Megatron fork that implements ALiBi");
        }
        if (manifest.vocabSize() > spec.vocabSize()) {
            throw new IllegalArgumentException("model.vocab_size " + spec.vocabSize() + " is smaller than the mixture tokenizer's "
                    + manifest.vocabSize() + " ids");
        }
        if (spec.ropeTheta() != Math.rint(spec.ropeTheta())) {
            throw new IllegalArgumentException("model.rope_theta " + spec.ropeTheta() + ": Megatron's --rotary-base takes an integer");
        }
        return spec;
    }

    public int worldSize() { return cfg.megatron.nodes * cfg.megatron.gpusPerNode; }

    public int dataParallel() {
        PretrainConfig.Megatron m = cfg.megatron;
        int modelParallel = m.tensorParallel * m.pipelineParallel;
        if (m.nodes < 1 || m.gpusPerNode < 1 || m.tensorParallel < 1 || m.pipelineParallel < 1) {
            throw new IllegalArgumentException("megatron.nodes, gpus_per_node, tensor_parallel and pipeline_parallel must be at least 1");
        }
        if (worldSize() % modelParallel != 0) {
            throw new IllegalArgumentException("megatron: " + worldSize() + " GPUs are not a multiple of tensor_parallel x pipeline_parallel = "
                    + modelParallel);
        }
        return worldSize() / modelParallel;
    }

    /** Sequences per step: megatron.global_batch_size, or micro batch × accumulation × data-parallel ranks. */
    public int globalBatch() {
        int micro = cfg.microBatchSize();
        int dp = dataParallel();
        int gb = cfg.megatron.globalBatchSize != null ? cfg.megatron.globalBatchSize : micro * cfg.train.gradAccumSteps * dp;
        if (gb % (micro * dp) != 0) {
            throw new IllegalArgumentException("megatron.global_batch_size " + gb + " must be a multiple of micro_batch_size x data-parallel ranks = "
                    + micro * dp);
        }
        return gb;
    }

    public long trainIters() {
        return cfg.steps((long) globalBatch() * model().seqLength());
    }

    public List<Group> groups() {
        ModelSpec s = model();
        PretrainConfig.Train t = cfg.train;
        PretrainConfig.Megatron m = cfg.megatron;
        long iters = trainIters();
        long decay = t.decaySteps != null ? t.decaySteps : iters;
        List<Group> out = new ArrayList<>();
        out.add(new Group("MODEL_ARGS", "Baichuan-2-style decoder: pre-RMSNorm, SwiGLU, RoPE, no biases, untied output embedding", List.of(
                "--num-layers", str(s.numLayers()), "--hidden-size", str(s.hiddenSize()), "--ffn-hidden-size", str(s.ffnHiddenSize()),
                "--num-attention-heads", str(s.numHeads()), "--seq-length", str(s.seqLength()),
                "--max-position-embeddings", str(s.seqLength()), "--position-embedding-type", "rope",
                "--rotary-base", str((long) s.ropeTheta()), "--normalization", "RMSNorm", "--norm-epsilon", num(s.normEps()),
                "--swiglu", "--disable-bias-linear", "--untie-embeddings-and-output-weights",
                "--attention-dropout", "0.0", "--hidden-dropout", "0.0", "--init-method-std", num(s.initStd()),
                "--make-vocab-size-divisible-by", str(vocabMultiple(s.vocabSize())))));
        out.add(new Group("TOKENIZER_ARGS", "the mixture's SentencePiece model (ids in the .bin files are already tokenized)", List.of(
                "--tokenizer-type", "GPTSentencePieceTokenizer", "--tokenizer-model", manifest.json().path("tokenizer").path("path").asText())));
        List<String> parallel = new ArrayList<>(List.of("--tensor-model-parallel-size", str(m.tensorParallel),
                "--pipeline-model-parallel-size", str(m.pipelineParallel), "--use-distributed-optimizer"));
        if (m.tensorParallel > 1) parallel.add("--sequence-parallel");
        out.add(new Group("PARALLEL_ARGS", dataParallel() + " data-parallel ranks x " + m.tensorParallel + " tensor x "
                + m.pipelineParallel + " pipeline = " + worldSize() + " GPUs", parallel));
        out.add(new Group("TRAINING_ARGS", "AdamW (Megatron's adam decouples weight decay), warmup then cosine, global-norm clipping, bf16",
                List.of("--micro-batch-size", str(cfg.microBatchSize()), "--global-batch-size", str(globalBatch()),
                        "--train-iters", str(iters), "--lr", num(cfg.lr()), "--min-lr", num(cfg.minLr()),
                        "--lr-decay-style", "cosine", "--lr-warmup-iters", str(Math.min(cfg.warmupSteps(), decay)),
                        "--lr-decay-iters", str(decay), "--optimizer", "adam", "--adam-beta1", num(t.beta1),
                        "--adam-beta2", num(t.beta2), "--adam-eps", num(t.adamEps), "--weight-decay", num(t.weightDecay),
                        "--clip-grad", num(t.clipGrad), "--bf16", "--seed", str(t.seed))));
        List<String> data = new ArrayList<>();
        data.add("--train-data-path");
        data.addAll(blend(manifest.train()));
        if (!manifest.valid().isEmpty()) {
            data.add("--valid-data-path");
            data.addAll(blend(manifest.valid()));
        }
        data.addAll(List.of("--data-cache-path", "${" + SAVE_DIR + "}/data-cache", "--eval-interval",
                str(Math.max(1, t.evalInterval > 0 ? t.evalInterval : (int) Math.min(Integer.MAX_VALUE, iters))), "--eval-iters", str(m.evalIters)));
        out.add(new Group("DATA_ARGS", "the mix's files with their token counts as blend weights (the mix is already sampled and shuffled)", data));
        out.add(new Group("OUTPUT_ARGS", "checkpoints every save_interval steps; --load resumes from the latest one", List.of(
                "--save", "${" + SAVE_DIR + "}/checkpoints", "--load", "${" + SAVE_DIR + "}/checkpoints",
                "--save-interval", str(m.saveInterval), "--log-interval", str(Math.max(1, t.logInterval)),
                "--tensorboard-dir", "${" + SAVE_DIR + "}/tensorboard")));
        return out;
    }

    /** Every pretrain_gpt.py argument in order (shell variables unexpanded). */
    public List<String> flat() {
        List<String> all = new ArrayList<>();
        for (Group g : groups()) all.addAll(g.args());
        return all;
    }

    /** "weight prefix" pairs, prefixes under ${DATA_DIR} when inside the mix directory. */
    private List<String> blend(List<Manifest.DataFile> files) {
        List<String> out = new ArrayList<>();
        for (Manifest.DataFile f : files) {
            out.add(str(f.tokens()));
            Path p = f.prefix().toAbsolutePath().normalize();
            out.add(p.startsWith(mixDir) ? "${" + DATA_DIR + "}/" + mixDir.relativize(p).toString().replace('\\', '/') : p.toString());
        }
        return out;
    }

    public Path mixDir() { return mixDir; }

    /**
     * Megatron pads the vocabulary to a multiple of make_vocab_size_divisible_by × tensor_parallel; the largest
     * power of two up to 128 that divides the model's vocabulary keeps the embedding at exactly that size when
     * tensor_parallel is 1 (125,696 = 982 × 128).
     */
    static int vocabMultiple(int vocab) {
        int d = 128;
        while (d > 1 && vocab % d != 0) d /= 2;
        return d;
    }

    /** The vocabulary Megatron will build: padded up to a multiple of the divisor times tensor_parallel. */
    public int paddedVocab() {
        int v = model().vocabSize();
        int mult = vocabMultiple(v) * cfg.megatron.tensorParallel;
        return (v + mult - 1) / mult * mult;
    }

    private static String str(long v) { return Long.toString(v); }

    static String num(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString().replaceFirst("^(-?\\d+)$", "$1.0");
    }
}
