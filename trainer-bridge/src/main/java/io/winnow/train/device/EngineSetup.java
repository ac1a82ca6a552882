package io.winnow.train.device;

import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine offline with a chosen thread count. PyTorch reads its thread settings once, when the
 * engine loads, so they are set as system properties before the first use; values already given on the command
 * line (-Dai.djl.pytorch.num_threads=...) win. One inter-op thread: the decoder's ops are large enough to use
 * intra-op parallelism, and on a shared machine extra pools only contend (java-deps.md §7 measured 2-7x).
 */
public final class EngineSetup {
    private EngineSetup() {}

    public static Engine pytorch(int threads) {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start DJL's PyTorch engine (" + e.getMessage() + "); the natives come from "
                    + "ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64 on the classpath and unpack into the DJL cache "
                    + "(~/.djl.ai, or -DDJL_CACHE_DIR=...)", e);
        }
    }
}
