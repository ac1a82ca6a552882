package io.winnow.train.cli;

import io.winnow.core.cli.CommandProvider;

/** Contributes {@code winnow train CONFIG.yaml}. */
public final class TrainCommandProvider implements CommandProvider {
    @Override
    public String name() { return "train"; }

    @Override
    public String description() {
        return "pretrain a Baichuan-2-style decoder on a mixture with DJL (CPU or CUDA), or write a Megatron-LM launch script";
    }

    @Override
    public Object command() { return new TrainCommand(); }
}
