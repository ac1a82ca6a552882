package io.winnow.mixture.cli;

import io.winnow.core.cli.CommandProvider;

/** Contributes {@code winnow mix CONFIG.yaml}. */
public final class MixCommandProvider implements CommandProvider {
    @Override
    public String name() { return "mix"; }

    @Override
    public String description() {
        return "sample a weighted mixture of curated shards and tokenize it into Megatron .bin/.idx files with a manifest";
    }

    @Override
    public Object command() { return new MixCommand(); }
}
