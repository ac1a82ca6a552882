package io.winnow.safety.cli;

import io.winnow.core.cli.CommandProvider;

/** Contributes {@code winnow safety} (the stage) with its {@code train} and {@code eval} subcommands. */
public final class SafetyCommandProvider implements CommandProvider {
    @Override
    public String name() { return "safety"; }

    @Override
    public String description() { return "blocklists, URL categories, PII redaction, linear classifier (train, eval), upsampling"; }

    @Override
    public Object command() { return new SafetyCommand(); }
}
