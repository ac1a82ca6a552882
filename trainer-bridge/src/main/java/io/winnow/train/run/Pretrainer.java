package io.winnow.train.run;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.winnow.mixture.manifest.Manifest;
import io.winnow.train.checkpoint.CheckpointStore;
import io.winnow.train.checkpoint.TrainState;
import io.winnow.train.config.PretrainConfig;
import io.winnow.train.dataset.PackedTokenDataset;
import io.winnow.train.device.DeviceChoice;
import io.winnow.train.device.EngineSetup;
import io.winnow.train.metrics.LossCurve;
import io.winnow.train.metrics.MetricsLog;
import io.winnow.train.model.DecoderModel;
import io.winnow.train.model.HalfPrecisionWeights;
import io.winnow.train.model.LmLoss;
import io.winnow.train.model.ModelSpec;
import io.winnow.train.model.Scalars;
import io.winnow.train.optim.AdamW;
import io.winnow.train.optim.GradientClipping;
import io.winnow.train.optim.LearningRateSchedule;
import io.winnow.train.optim.LossScaler;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Pretrains the decoder on a mixture in this process: builds the model from the config, reads batches from the
 * mixture's Megatron files, and per step runs {@code grad_accum_steps} forward/backward passes, clips the global
 * gradient norm, sets the scheduled learning rate and applies AdamW. Logs every step to {@code metrics.jsonl},
 * evaluates on the validation split every {@code eval_interval} steps, checkpoints every
 * {@code checkpoint.interval} steps and at token milestones, and draws {@code loss.png} at the end.
 *
 * <p>Resume is exact on the CPU: weights and moments are restored bit for bit, the data order is a function of
 * the seed and the sample position, and the learning rate a function of the step, so steps after a resume
 * compute what the uninterrupted run computed.
 */
public final class Pretrainer {
    public static final String LOSS_PNG = "loss.png";
    public static final String RUN_JSON = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PretrainConfig cfg;
    private final Consumer<String> log;
    private volatile boolean stopRequested;

    /** How the run ended. */
    public record Result(Path outputDir, long steps, long tokens, double firstLoss, double lastLoss, Double lastValLoss,
                         boolean finished, Path lastCheckpoint, double tokensPerSecond) {}

    public Pretrainer(PretrainConfig cfg, Consumer<String> log) {
        this.cfg = cfg;
        this.log = log;
    }

    /** Asks the loop to stop after the current step (it then writes a checkpoint). Safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * @param resume a checkpoint, run directory or {@code checkpoints/} directory to continue from, or null
     * @param stopAfter stop (with a checkpoint) once this step is done, as if interrupted; null runs to the end
     */
    public Result run(Path resume, Long stopAfter) throws IOException {
        Path mixDir = Path.of(require(cfg.data.mixture, "data.mixture: give a finished `winnow mix` directory"));
        Manifest manifest;
        try {
            manifest = Manifest.read(mixDir);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("data.mixture " + mixDir + " is not a finished mix (no " + Manifest.FILE
                    + "): make it first with `winnow mix configs/mixtures/NAME.yaml`");
        }
        ModelSpec spec = cfg.modelSpec(manifest.vocabSize());
        if (manifest.vocabSize() > spec.vocabSize()) {
            throw new IllegalArgumentException("model.vocab_size " + spec.vocabSize() + " is smaller than the mixture tokenizer's "
                    + manifest.vocabSize() + " ids (" + mixDir.resolve(Manifest.FILE) + ")");
        }
        int batch = cfg.microBatchSize();
        int accum = cfg.train.gradAccumSteps;
        if (batch < 1 || accum < 1) throw new IllegalArgumentException("train.micro_batch_size and train.grad_accum_steps must be at least 1");
        int seq = spec.seqLength();
        long tokensPerStep = (long) batch * accum * seq;
        long steps = cfg.steps(tokensPerStep);
        if (steps < 1) throw new IllegalArgumentException("train.steps must be at least 1");
        long decay = cfg.train.decaySteps != null ? cfg.train.decaySteps : steps;
        LearningRateSchedule schedule = new LearningRateSchedule(cfg.lr(), cfg.minLr(), Math.min(cfg.warmupSteps(), decay), decay);
        Path out = cfg.outputDir();
        Files.createDirectories(out);

        try (PackedTokenDataset train = PackedTokenDataset.open(prefixes(manifest.train()), seq);
             PackedTokenDataset valid = manifest.valid().isEmpty() ? null : PackedTokenDataset.open(prefixes(manifest.valid()), seq)) {
            if (train.size() < 1) {
                throw new IllegalArgumentException(mixDir + ": the train split has " + train.tokens() + " tokens, too few for one sample of "
                        + (seq + 1));
            }
            Engine engine = EngineSetup.pytorch(cfg.threads);
            DeviceChoice where = DeviceChoice.resolve(cfg.device, cfg.precision, engine);
            String identity = identity(spec, manifest, batch, accum, where);
            String identityHash = sha256(identity);
            try (NDManager manager = NDManager.newBaseManager(where.device(), engine.getEngineName())) {
                JniUtils.setGradMode(false); // grad mode is per thread; only the gradient collector turns it on
                engine.setRandomSeed((int) cfg.train.seed);
                DecoderModel model = DecoderModel.create(spec, manager, where.computeType());
                AdamW opt = new AdamW(manager, cfg.train.beta1, cfg.train.beta2, cfg.train.adamEps, cfg.train.weightDecay);
                CheckpointStore store = new CheckpointStore(out, cfg.checkpoint.keepLast);
                TrainState state = new TrainState(0, 0, 0, cfg.train.seed, 0, identityHash, 1, 0, 0);
                if (resume != null) {
                    Path ckpt = CheckpointStore.locate(resume);
                    TrainState saved = CheckpointStore.readState(ckpt);
                    if (!identityHash.equals(saved.configSha256())) {
                        throw new IllegalArgumentException("cannot resume from " + ckpt + ": it was trained with another model, mixture, "
                                + "batch, seed or precision (settings hash " + saved.configSha256().substring(0, 12) + ", this config "
                                + identityHash.substring(0, 12) + "; see " + out.resolve(RUN_JSON) + ")");
                    }
                    state = CheckpointStore.load(ckpt, model, opt, manager);
                    log.accept(String.format(Locale.ROOT, "train: resumed from %s at step %,d (%,d tokens)", ckpt, state.step(), state.tokens()));
                }
                if (resume == null && store.latest() != null) {
                    log.accept("train: " + store.dir() + " holds checkpoints of an earlier run; starting over (--resume " + out
                            + " continues it instead)");
                }
                Files.writeString(out.resolve(RUN_JSON), identity, StandardCharsets.UTF_8);
                log.accept(String.format(Locale.ROOT, "train: %s, %s parameters (%d layers, width %d, %d heads, %s, vocab %,d), %s; "
                                + "%,d steps of %d x %d x %d tokens; train %,d tokens (%,d samples), validation %,d tokens",
                        cfg.name, human(spec.parameterCount()), spec.numLayers(), spec.hiddenSize(), spec.numHeads(),
                        spec.position().configName(), spec.vocabSize(), where.describe(), steps, batch, accum, seq, train.tokens(),
                        train.size(), valid == null ? 0 : valid.tokens()));
                if (valid == null) log.accept("train: " + mixDir + " has no validation split (validation_share 0): no val_loss");
                try (MetricsLog metrics = MetricsLog.open(out, resume != null ? state.step() : -1)) {
                    return loop(model, opt, schedule, store, state, train, valid, metrics, steps, stopAfter, out, manager);
                } finally {
                    model.close();
                }
            }
        }
    }

    private Result loop(DecoderModel model, AdamW opt, LearningRateSchedule schedule, CheckpointStore store, TrainState state,
                        PackedTokenDataset train, PackedTokenDataset valid, MetricsLog metrics, long steps, Long stopAfter, Path out,
                        NDManager manager) throws IOException {
        ModelSpec spec = model.spec();
        int batch = cfg.microBatchSize();
        int accum = cfg.train.gradAccumSteps;
        int seq = spec.seqLength();
        long seed = state.seed();
        HalfPrecisionWeights half = model.computeType() == DataType.FLOAT16 ? new HalfPrecisionWeights(manager, model, DataType.FLOAT16) : null;
        ParameterStore ps = half != null ? half : new ParameterStore(manager, false);
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.getParameters()) params.put(p.getKey(), p.getValue().getArray());
        Engine engine = Engine.getEngine(manager.getEngine().getEngineName());

        LossScaler scaler = new LossScaler(model.computeType() == DataType.FLOAT16, 2000);
        if (state.step() > 0) scaler.restore(state.lossScale(), state.goodSteps());
        long step = state.step();
        long tokens = state.tokens();
        long position = state.dataPosition();
        double firstLoss = Double.NaN, lastLoss = Double.NaN;
        Double lastVal = null;
        Path lastCkpt = null;
        long lastSavedStep = step;
        double windowLoss = 0, windowSeconds = 0;
        long windowTokens = 0, windowSteps = 0;
        double totalSeconds = 0;
        long totalTokens = 0;

        if (step == 0 && valid != null) lastVal = evaluate(model, ps, half, valid, metrics, 0, manager);
        while (step < steps && !stopRequested) {
            long t0 = System.nanoTime();
            double lr = schedule.at(step + 1);
            double ce = 0, z = 0, gradNorm = Double.NaN;
            boolean applied;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                if (half != null) half.refresh(true);
                try (GradientCollector gc = engine.newGradientCollector()) {
                    for (int a = 0; a < accum; a++) {
                        int[] rows = train.trainingBatch(position, batch, seed);
                        position += batch;
                        NDArray[] xy = inputsAndTargets(manager, rows, batch, seq);
                        NDArray logits = model.forward(ps, new NDList(xy[0]), true).singletonOrThrow();
                        LmLoss.Terms t = LmLoss.compute(logits, xy[1], spec.maxZLossWeight());
                        gc.backward(scaler.scaleLoss(accum == 1 ? t.total() : Scalars.div(t.total(), accum)));
                        ce += t.crossEntropy().getFloat() / accum;
                        if (t.maxZ() != null) z += t.maxZ().getFloat() / accum;
                    }
                }
                Map<String, NDArray> grads = new LinkedHashMap<>();
                if (half != null) {
                    grads = half.gradients();
                } else {
                    for (Map.Entry<String, NDArray> e : params.entrySet()) grads.put(e.getKey(), e.getValue().getGradient());
                }
                applied = scaler.unscale(grads.values());
                if (applied) {
                    gradNorm = GradientClipping.clip(grads.values(), cfg.train.clipGrad);
                    opt.update(params, grads, lr);
                }
                if (half == null) for (NDArray p : params.values()) JniUtils.zeroGrad((PtNDArray) p);
            }
            step++;
            long stepTokens = (long) batch * accum * seq;
            tokens += stepTokens;
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!Double.isFinite(ce)) {
                throw new IllegalStateException("step " + step + ": the loss is " + ce + " (diverged); lower train.lr or raise warmup_steps");
            }
            if (Double.isNaN(firstLoss)) firstLoss = ce;
            lastLoss = ce;
            Map<String, Object> rec = MetricsLog.record(step);
            rec.put("loss", ce);
            if (spec.maxZLossWeight() > 0) rec.put("z_loss", z);
            rec.put("lr", lr);
            if (applied) rec.put("grad_norm", gradNorm);
            if (scaler.enabled()) rec.put("loss_scale", scaler.scale());
            if (!applied) {
                rec.put("skipped", 1);
                log.accept(String.format(Locale.ROOT, "step %,d: fp16 gradients overflowed; update skipped, loss scale now %.0f", step,
                        scaler.scale()));
            }
            rec.put("tokens", tokens);
            rec.put("tokens_per_s", stepTokens / seconds);
            metrics.write(rec);
            windowLoss += ce;
            windowSeconds += seconds;
            windowTokens += stepTokens;
            windowSteps++;
            totalSeconds += seconds;
            totalTokens += stepTokens;

            boolean last = step == steps;
            boolean stopping = last || stopRequested || (stopAfter != null && step >= stopAfter);
            if (valid != null && (cfg.train.evalInterval > 0 && step % cfg.train.evalInterval == 0 || last)) {
                lastVal = evaluate(model, ps, half, valid, metrics, step, manager);
            }
            if (step % Math.max(1, cfg.train.logInterval) == 0 || stopping) {
                log.accept(String.format(Locale.ROOT, "step %,d/%,d  loss %.4f  lr %.3e  grad %.3f  %,.0f tok/s%s", step, steps,
                        windowLoss / windowSteps, lr, gradNorm, windowTokens / windowSeconds,
                        lastVal != null ? String.format(Locale.ROOT, "  val %.4f", lastVal) : ""));
                windowLoss = windowSeconds = 0;
                windowTokens = windowSteps = 0;
            }
            long release = releaseMilestone(tokens - stepTokens, tokens);
            boolean interval = cfg.checkpoint.interval > 0 && step % cfg.checkpoint.interval == 0;
            if (interval || release > 0 || stopping) {
                lastCkpt = store.save(model, opt, new TrainState(step, tokens, position, seed, release, state.configSha256(),
                        scaler.scale(), scaler.goodSteps(), opt.steps()));
                lastSavedStep = step;
                if (release > 0) log.accept(String.format(Locale.ROOT, "train: release checkpoint at %,d tokens: %s", release, lastCkpt));
            }
            if (stopping) break;
        }
        if (lastSavedStep != step) {
            lastCkpt = store.save(model, opt, new TrainState(step, tokens, position, seed, 0, state.configSha256(), scaler.scale(),
                    scaler.goodSteps(), opt.steps()));
        }
        boolean finished = step >= steps;
        Path png = out.resolve(LOSS_PNG);
        try {
            LossCurve.write(metrics.file(), png, cfg.name + " (" + human(spec.parameterCount()) + " parameters)");
        } catch (IllegalStateException e) {
            // stopping in a shutdown hook: AWT cannot start any more; the next run or resume draws the curve
            png = null;
        }
        log.accept(String.format(Locale.ROOT, "train: %s at step %,d of %,d; loss %.4f -> %.4f%s; %,.0f tokens/s; checkpoint %s; "
                        + "metrics %s; curve %s", finished ? "finished" : "stopped", step, steps, firstLoss, lastLoss,
                lastVal != null ? String.format(Locale.ROOT, ", validation %.4f", lastVal) : "",
                totalSeconds > 0 ? totalTokens / totalSeconds : 0, lastCkpt, metrics.file(), png != null ? png : "not drawn while shutting down"));
        return new Result(out, step, tokens, firstLoss, lastLoss, lastVal, finished, lastCkpt, totalSeconds > 0 ? totalTokens / totalSeconds : 0);
    }

    /** Mean cross-entropy over the first eval_batches batches of the validation split (the same every time). */
    private Double evaluate(DecoderModel model, ParameterStore ps, HalfPrecisionWeights half, PackedTokenDataset valid,
                            MetricsLog metrics, long step, NDManager manager) throws IOException {
        int batch = cfg.microBatchSize();
        int seq = model.spec().seqLength();
        long available = valid.size();
        if (available == 0) return null;
        long batches = Math.min(Math.max(1, cfg.train.evalBatches), (available + batch - 1) / batch);
        double sum = 0;
        long n = 0;
        for (long b = 0; b < batches; b++) {
            int rowsInBatch = (int) Math.min(batch, available - b * batch);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                if (half != null) half.refresh(false);
                int[] rows = valid.sequentialBatch(b * batch, rowsInBatch);
                NDArray[] xy = inputsAndTargets(manager, rows, rowsInBatch, seq);
                NDArray logits = model.forward(ps, new NDList(xy[0]), false).singletonOrThrow();
                sum += LmLoss.compute(logits, xy[1], 0).crossEntropy().getFloat() * rowsInBatch;
                n += rowsInBatch;
            }
        }
        double loss = sum / n;
        Map<String, Object> rec = MetricsLog.record(step);
        rec.put("val_loss", loss);
        metrics.write(rec);
        return loss;
    }

    /** Rows of T + 1 tokens → inputs [B, T] (all but the last) and targets [B, T] (all but the first). */
    static NDArray[] inputsAndTargets(NDManager manager, int[] rows, int batch, int seq) {
        long[] x = new long[batch * seq];
        long[] y = new long[batch * seq];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < seq; t++) {
                x[b * seq + t] = rows[b * (seq + 1) + t];
                y[b * seq + t] = rows[b * (seq + 1) + t + 1];
            }
        }
        return new NDArray[] {manager.create(x, new Shape(batch, seq)), manager.create(y, new Shape(batch, seq))};
    }

    /** The token milestone (a multiple of keep_every_tokens) first reached by this step, or 0. */
    private long releaseMilestone(long before, long after) {
        long k = cfg.checkpoint.keepEveryTokens;
        if (k <= 0 || after / k == before / k) return 0;
        return after / k * k;
    }

    /** What a checkpoint must agree on to be resumed: model, data, batch shape, seed and precision. */
    private String identity(ModelSpec spec, Manifest manifest, int batch, int accum, DeviceChoice where) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", spec);
        m.put("mixture_config_sha256", manifest.json().path("config_sha256").asText());
        m.put("mixture_train_tokens", manifest.json().path("splits").path("train").path("tokens").asLong());
        m.put("micro_batch_size", batch);
        m.put("grad_accum_steps", accum);
        m.put("seed", cfg.train.seed);
        m.put("compute_type", where.computeType().toString());
        return JSON.writeValueAsString(m);
    }

    private static List<Path> prefixes(List<Manifest.DataFile> files) {
        List<Path> out = new ArrayList<>();
        for (Manifest.DataFile f : files) out.add(f.prefix());
        return out;
    }

    private static String require(String v, String message) {
        if (v == null || v.isBlank()) throw new IllegalArgumentException(message);
        return v;
    }

    static String human(long n) {
        if (n >= 1_000_000_000L) return String.format(Locale.ROOT, "%.2fB", n / 1e9);
        if (n >= 1_000_000L) return String.format(Locale.ROOT, "%.2fM", n / 1e6);
        if (n >= 1_000L) return String.format(Locale.ROOT, "%.1fK", n / 1e3);
        return Long.toString(n);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
