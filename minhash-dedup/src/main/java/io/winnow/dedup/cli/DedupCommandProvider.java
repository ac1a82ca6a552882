package io.winnow.dedup.cli;

import io.winnow.core.cli.CommandProvider;

/** Gives {@code winnow dedup} its own flags (registered in META-INF/services). */
public final class DedupCommandProvider implements CommandProvider {
    @Override
    public String name() { return "dedup"; }

    @Override
    public String description() { return "remove near-duplicate documents (MinHash/LSH; local or Spark engine)"; }

    @Override
    public Object command() { return new DedupCommand(); }
}
