package io.winnow.train.device;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** Casts a tensor to fp16, then to bf16, printing after each (see DeviceChoiceTest). */
public final class Bf16Probe {
    private Bf16Probe() {}

    public static void main(String[] args) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray x = m.create(new float[] {1, 2, 3});
            System.out.println("fp16 cast: " + x.toType(DataType.FLOAT16, true).getDataType());
            System.out.flush();
            System.out.println("bf16 cast: " + x.toType(DataType.BFLOAT16, true).getDataType());
        }
    }
}
