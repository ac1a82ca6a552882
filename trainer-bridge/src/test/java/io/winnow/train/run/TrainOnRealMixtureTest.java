package io.winnow.train.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.train.checkpoint.CheckpointStore;
import io.winnow.train.metrics.MetricsLog;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The tiny preset on a real mixture made by the pipeline's own tools ({@link TinyMixture}). */
class TrainOnRealMixtureTest {
    @TempDir Path tmp;

    private String yaml(Path out) throws Exception {
        return """
                name: tiny-test
                preset: tiny
                output: %s
                data: {mixture: "%s"}
                train: {micro_batch_size: 8, lr: 3.0e-3, min_lr: 3.0e-4, warmup_steps: 20, eval_batches: 4, log_interval: 50}
                checkpoint: {interval: 100, keep_last: 2}
                """.formatted(out, TinyMixture.dir());
    }

    /**
     * 200 steps of 8 x 64 tokens (102K tokens, ~7% of one epoch) take the loss from about ln(4000) + 0.4 = 8.7 to
     * about 5.2 (measured); the test asks for a drop of at least 2.5 nats in both training loss (mean of the last 20
     * steps against the first step) and validation loss (end against step 0, on the same held-out batches).
     */
    @Test
    void lossFallsByAtLeastTwoAndAHalfNatsIn200Steps() throws Exception {
        Path out = tmp.resolve("run");
        TrainRun run = new TrainRun();
        Pretrainer.Result r = run.run(tmp, yaml(out), null, null, "train.steps=200", "train.eval_interval=100");
        assertEquals(200, r.steps());
        assertTrue(r.finished());
        List<JsonNode> metrics = MetricsLog.read(out.resolve(MetricsLog.FILE));
        List<Double> loss = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        for (JsonNode n : metrics) {
            if (n.has("loss")) {
                loss.add(n.get("loss").asDouble());
                for (String k : new String[] {"lr", "grad_norm", "tokens", "tokens_per_s", "z_loss"}) assertTrue(n.has(k), k + " in " + n);
            }
            if (n.has("val_loss")) val.add(n.get("val_loss").asDouble());
        }
        assertEquals(200, loss.size());
        assertEquals(3, val.size(), "validation at steps 0, 100 and 200");
        double first = loss.get(0);
        double lastMean = loss.subList(180, 200).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertEquals(Math.log(4000) + 0.4, first, 0.4, "initial loss near ln V (+ NormHead's unit-norm rows)");
        assertTrue(first - lastMean >= 2.5, "training loss fell from " + first + " to " + lastMean);
        assertTrue(val.get(0) - val.get(2) >= 2.5, "validation loss fell from " + val.get(0) + " to " + val.get(2));
        assertTrue(val.get(1) > val.get(2), "validation loss still falling between steps 100 and 200: " + val);
        assertEquals(200L * 8 * 64, r.tokens());
        // the learning rate follows warmup then cosine to min_lr
        assertEquals(3e-3 / 20, metrics.get(1).get("lr").asDouble(), 1e-12);
        assertEquals(3e-4, metrics.stream().filter(n -> n.path("step").asLong() == 200 && n.has("lr")).findFirst().orElseThrow()
                .get("lr").asDouble(), 1e-12);

        BufferedImage png = ImageIO.read(out.resolve(Pretrainer.LOSS_PNG).toFile());
        assertEquals(900, png.getWidth());
        assertEquals(500, png.getHeight());
        List<Path> ckpts = new CheckpointStore(out, 2).list();
        assertEquals(List.of("step-00000100", "step-00000200"), ckpts.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals("step-00000200", Files.readString(out.resolve("checkpoints/latest")).trim());
        try (Stream<Path> s = Files.list(ckpts.get(1))) {
            assertEquals(List.of("model.params", "optimizer.ndlist", "state.json"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(run.log.stream().anyMatch(l -> l.startsWith("train: finished at step 200")), String.join("\n", run.log));
    }

    /**
     * Stopping at step 20 and resuming gives, bit for bit, the losses, gradient norms, weights and moments of one run;
     * in fp32 and in fp16 with loss scaling (whose scale and good-step count are part of the checkpoint).
     */
    @ParameterizedTest
    @ValueSource(strings = {"fp32", "fp16"})
    void resumeContinuesExactlyAsTheUninterruptedRun(String precision) throws Exception {
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        String[] sets = {"train.steps=40", "train.eval_interval=20", "checkpoint.interval=10", "train.warmup_steps=5", "precision=" + precision};
        new TrainRun().run(tmp, yaml(whole), null, null, sets);
        Pretrainer.Result stopped = new TrainRun().run(tmp, yaml(parts), null, 20L, sets);
        assertEquals(20, stopped.steps());
        assertTrue(!stopped.finished());
        TrainRun resumed = new TrainRun();
        Pretrainer.Result r = resumed.run(tmp, yaml(parts), parts, null, sets);
        assertEquals(40, r.steps());
        assertTrue(resumed.log.stream().anyMatch(l -> l.contains("resumed from") && l.contains("step 20")), String.join("\n", resumed.log));

        List<String> a = lines(whole.resolve(MetricsLog.FILE));
        List<String> b = lines(parts.resolve(MetricsLog.FILE));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertEquals(a.get(i), b.get(i), "metrics line " + i);
        if (precision.equals("fp16")) assertTrue(a.stream().anyMatch(l -> l.contains("loss_scale")), "fp16 logs its loss scale");
        for (String f : new String[] {"model.params", "optimizer.ndlist"}) {
            assertArrayEquals(Files.readAllBytes(whole.resolve("checkpoints/step-00000040").resolve(f)),
                    Files.readAllBytes(parts.resolve("checkpoints/step-00000040").resolve(f)), f);
        }
    }

    /** fp16 mixed precision (fp32 masters, fp16 working copies, loss scaling) trains too: the CUDA path, run on the CPU. */
    @Test
    void fp16MixedPrecisionTrainsOnTheCpu() throws Exception {
        Path out = tmp.resolve("fp16");
        Pretrainer.Result r = new TrainRun().run(tmp, yaml(out), null, null, "train.steps=60", "train.eval_interval=60", "precision=fp16");
        List<JsonNode> metrics = MetricsLog.read(out.resolve(MetricsLog.FILE));
        double firstVal = metrics.get(0).get("val_loss").asDouble();
        assertTrue(firstVal - r.lastValLoss() >= 2.0, "fp16 validation loss fell from " + firstVal + " to " + r.lastValLoss());
        assertTrue(metrics.stream().filter(n -> n.has("loss")).allMatch(n -> n.get("loss_scale").asDouble() >= 1));
        assertTrue(metrics.stream().filter(n -> n.has("loss")).allMatch(n -> Double.isFinite(n.get("loss").asDouble())));
    }

    /** Two micro-batches of 4 accumulated give the gradient of one batch of 8 (the same samples, up to float rounding). */
    @Test
    void gradientAccumulationMatchesTheLargerBatch() throws Exception {
        String[] common = {"train.steps=5", "train.eval_interval=0", "train.eval_batches=1", "checkpoint.interval=0"};
        Path big = tmp.resolve("big");
        Path acc = tmp.resolve("acc");
        new TrainRun().run(tmp, yaml(big), null, null, concat(common, "train.micro_batch_size=8"));
        new TrainRun().run(tmp, yaml(acc), null, null, concat(common, "train.micro_batch_size=4", "train.grad_accum_steps=2"));
        List<JsonNode> a = MetricsLog.read(big.resolve(MetricsLog.FILE)).stream().filter(n -> n.has("loss")).toList();
        List<JsonNode> b = MetricsLog.read(acc.resolve(MetricsLog.FILE)).stream().filter(n -> n.has("loss")).toList();
        assertEquals(5, a.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(a.get(i).get("loss").asDouble(), b.get(i).get("loss").asDouble(), 1e-4, "loss at step " + (i + 1));
            assertEquals(a.get(i).get("grad_norm").asDouble(), b.get(i).get("grad_norm").asDouble(), 1e-3 * a.get(i).get("grad_norm").asDouble());
            assertEquals(a.get(i).get("tokens").asLong(), b.get(i).get("tokens").asLong());
        }
    }

    /** keep_every_tokens: the step that first reaches each multiple is checkpointed and survives keep_last pruning. */
    @Test
    void releaseCheckpointsAreKeptAtTokenMilestones() throws Exception {
        Path out = tmp.resolve("releases");
        // 512 tokens a step: milestones of 1,500 tokens fall in steps 3, 6, 9 and 12
        new TrainRun().run(tmp, yaml(out), null, null, "train.steps=13", "train.eval_interval=0", "train.eval_batches=1",
                "checkpoint.interval=0", "checkpoint.keep_last=1", "checkpoint.keep_every_tokens=1500");
        List<String> names = new CheckpointStore(out, 1).list().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("step-00000003", "step-00000006", "step-00000009", "step-00000012", "step-00000013"), names);
        assertEquals(1500, CheckpointStore.readState(out.resolve("checkpoints/step-00000003")).releaseTokens());
        assertEquals(6000, CheckpointStore.readState(out.resolve("checkpoints/step-00000012")).releaseTokens());
        assertEquals(0, CheckpointStore.readState(out.resolve("checkpoints/step-00000013")).releaseTokens());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The metrics lines without the timing fields, which differ between runs. */
    private static List<String> lines(Path metrics) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode n : MetricsLog.read(metrics)) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove("tokens_per_s");
            out.add(n.toString());
        }
        return out;
    }
}
