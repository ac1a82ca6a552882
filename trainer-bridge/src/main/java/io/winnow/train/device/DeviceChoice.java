package io.winnow.train.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * Where training runs and in which precision. {@code auto} takes the first CUDA GPU when DJL's PyTorch engine sees
 * one (it needs a CUDA build of libtorch: PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR=cu128; the CPU natives this
 * project ships see none) and the CPU otherwise; {@code cpu}, {@code gpu} or {@code gpu:N} force a choice. Precision
 * {@code auto} is bf16 activations on CUDA (fp32 master weights, optimizer and loss) and fp32 on the CPU.
 */
public record DeviceChoice(Device device, DataType computeType) {

    public static DeviceChoice resolve(String deviceSpec, String precisionSpec, Engine engine) {
        Device device = device(deviceSpec == null ? "auto" : deviceSpec, engine.getGpuCount());
        return new DeviceChoice(device, precision(precisionSpec == null ? "auto" : precisionSpec, device));
    }

    static Device device(String spec, int gpus) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("auto")) return gpus > 0 ? Device.gpu(0) : Device.cpu();
        if (s.equals("cpu")) return Device.cpu();
        if (s.equals("gpu") || s.equals("cuda") || s.startsWith("gpu:") || s.startsWith("cuda:")) {
            int id = s.contains(":") ? parseId(spec, s.substring(s.indexOf(':') + 1)) : 0;
            if (gpus == 0) {
                throw new IllegalArgumentException("device " + spec + ": DJL's PyTorch engine sees no CUDA GPU. It loaded CPU natives; "
                        + "point it at a CUDA 12.8 build of libtorch 2.7.1 with PYTORCH_LIBRARY_PATH=.../torch/lib and "
                        + "PYTORCH_FLAVOR=cu128 (see trainer-bridge/README.md, GPU setup) and check nvidia-smi; or use --device cpu");
            }
            if (id >= gpus) throw new IllegalArgumentException("device " + spec + ": only " + gpus + " GPU(s) visible (ids 0-" + (gpus - 1) + ")");
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("device '" + spec + "': expected auto, cpu, gpu or gpu:N");
    }

    private static int parseId(String spec, String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("device '" + spec + "': the GPU id must be a number");
        }
    }

    static DataType precision(String spec, Device device) {
        return switch (spec.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> device.isGpu() ? DataType.FLOAT16 : DataType.FLOAT32;
            case "fp32", "float32" -> DataType.FLOAT32;
            case "fp16", "float16", "half" -> DataType.FLOAT16;
            case "bf16", "bfloat16" -> throw new IllegalArgumentException("precision " + spec + ": DJL 0.36's PyTorch bridge cannot "
                    + "hold bfloat16 tensors (its native type table ends at complex64; a cast to bf16 aborts the JVM), so winnow "
                    + "trains in fp16 with dynamic loss scaling on CUDA instead: use precision fp16 (or auto)");
            default -> throw new IllegalArgumentException("precision '" + spec + "': expected auto, fp32 or fp16");
        };
    }

    /** For logs: {@code cpu fp32}, {@code gpu(0) bf16}. */
    public String describe() {
        return (device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu") + " " + (computeType == DataType.FLOAT16 ? "fp16 (loss-scaled)" : "fp32");
    }
}
