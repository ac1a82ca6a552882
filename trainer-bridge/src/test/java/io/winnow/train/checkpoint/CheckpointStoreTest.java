package io.winnow.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.winnow.train.model.DecoderModel;
import io.winnow.train.model.ModelSpec;
import io.winnow.train.model.PositionEncoding;
import io.winnow.train.optim.AdamW;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir Path tmp;
    private static final ModelSpec SPEC = new ModelSpec(30, 8, 1, 2, 16, 4, PositionEncoding.ROPE, 10000, 1e-6, true, 0.02, 2e-4);

    @Test
    void keepsTheLastKAndEveryReleaseAndRestoresWeightsAndMoments() throws Exception {
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Engine.getInstance().setRandomSeed(3);
            DecoderModel model = DecoderModel.create(SPEC, m, DataType.FLOAT32);
            AdamW opt = new AdamW(m, 0.9, 0.95, 1e-8, 0.1);
            Map<String, NDArray> params = new LinkedHashMap<>();
            Map<String, NDArray> grads = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : model.getParameters()) {
                params.put(p.getKey(), p.getValue().getArray());
                grads.put(p.getKey(), m.randomNormal(0, 1, p.getValue().getArray().getShape(), DataType.FLOAT32));
            }
            CheckpointStore store = new CheckpointStore(tmp, 2);
            for (long step = 10; step <= 60; step += 10) {
                opt.update(params, grads, 1e-3);
                long release = step == 30 ? 3000 : 0; // the keep-every-K-tokens milestone this step reached
                store.save(model, opt, new TrainState(step, step * 100, step * 2, 42, release, "h", 1, 0, opt.steps()));
            }
            assertEquals(List.of("step-00000030", "step-00000050", "step-00000060"),
                    store.list().stream().map(p -> p.getFileName().toString()).toList());
            assertEquals(tmp.resolve("checkpoints/step-00000060"), store.latest());
            assertEquals(store.latest(), CheckpointStore.locate(tmp));
            assertEquals(store.latest(), CheckpointStore.locate(tmp.resolve("checkpoints")));
            assertEquals(tmp.resolve("checkpoints/step-00000030"), CheckpointStore.locate(tmp.resolve("checkpoints/step-00000030")));
            assertThrows(NoSuchFileException.class, () -> CheckpointStore.locate(tmp.resolve("nothing")));
            assertEquals(List.of(), Files.list(tmp.resolve("checkpoints")).filter(p -> p.getFileName().toString().startsWith(".tmp")).toList());

            Engine.getInstance().setRandomSeed(99); // other initial weights, replaced by the load
            DecoderModel fresh = DecoderModel.create(SPEC, m, DataType.FLOAT32);
            AdamW freshOpt = new AdamW(m, 0.9, 0.95, 1e-8, 0.1);
            TrainState s = CheckpointStore.load(store.latest(), fresh, freshOpt, m);
            assertEquals(60, s.step());
            assertEquals(120, s.dataPosition());
            assertEquals(6, freshOpt.steps());
            for (Pair<String, Parameter> p : fresh.getParameters()) {
                assertArrayEquals(params.get(p.getKey()).toFloatArray(), p.getValue().getArray().toFloatArray(), 0f, p.getKey());
                assertEquals(true, p.getValue().getArray().hasGradient(), "trainable again after loading");
            }
            NDArray[] a = opt.state().toArray(new NDArray[0]);
            NDArray[] b = freshOpt.state().toArray(new NDArray[0]);
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) assertArrayEquals(a[i].toFloatArray(), b[i].toFloatArray(), 0f);
            model.close();
            fresh.close();
        }
    }
}
