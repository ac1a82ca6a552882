package io.winnow.train.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {
    @Test
    void autoTakesTheFirstGpuWhenThereIsOneElseTheCpu() {
        assertEquals(Device.cpu(), DeviceChoice.device("auto", 0));
        assertEquals(Device.gpu(0), DeviceChoice.device("auto", 2));
        assertEquals(Device.gpu(1), DeviceChoice.device("gpu:1", 2));
        assertEquals(Device.cpu(), DeviceChoice.device("cpu", 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceChoice.device("gpu", 0));
        assertTrue(e.getMessage().contains("PYTORCH_LIBRARY_PATH") && e.getMessage().contains("--device cpu"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeviceChoice.device("gpu:2", 2));
        assertTrue(e.getMessage().contains("only 2 GPU(s)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeviceChoice.device("tpu", 0));
    }

    @Test
    void precisionIsFp16WithLossScalingOnCudaAndFp32OnTheCpu() {
        assertEquals(DataType.FLOAT16, DeviceChoice.precision("auto", Device.gpu(0)));
        assertEquals(DataType.FLOAT32, DeviceChoice.precision("auto", Device.cpu()));
        assertEquals(DataType.FLOAT16, DeviceChoice.precision("fp16", Device.cpu()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceChoice.precision("bf16", Device.gpu(0)));
        assertTrue(e.getMessage().contains("bfloat16") && e.getMessage().contains("fp16"), e.getMessage());
    }

    /**
     * Why bf16 is refused: DJL 0.36's PyTorch bridge has no bfloat16 in its native type table, and a cast to it
     * aborts the whole JVM (C++ {@code throw;} with no exception: std::terminate). Run in a child JVM; when a DJL
     * upgrade makes this pass, bf16 can replace fp16 + loss scaling on CUDA.
     */
    @Test
    void djlAbortsTheJvmOnABfloat16Cast() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"));
        for (String k : new String[] {"DJL_CACHE_DIR", "ENGINE_CACHE_DIR"}) {
            if (System.getProperty(k) != null) cmd.add("-D" + k + "=" + System.getProperty(k));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Bf16Probe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertTrue(out.contains("fp16 cast: float16"), out);
        assertTrue(p.exitValue() != 0 && out.contains("terminate called") && !out.contains("bf16 cast:"), out);
    }
}
