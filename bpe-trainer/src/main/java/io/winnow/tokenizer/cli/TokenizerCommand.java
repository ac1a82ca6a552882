package io.winnow.tokenizer.cli;

import io.winnow.core.cli.WinnowVersion;
import picocli.CommandLine.Command;

/** {@code winnow tokenizer}: the subcommands of the tokenizer module. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true, versionProvider = WinnowVersion.class,
        description = "SentencePiece-compatible BPE: train a model, encode/decode text, export to Hugging Face, report compression.",
        subcommands = {TrainCommand.class, EncodeCommand.class, DecodeCommand.class, ExportCommand.class, ReportCommand.class})
public final class TokenizerCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit code for bad flags or input (as the winnow CLI). */
    static final int EXIT_USAGE = 2;
    static final int EXIT_FAILED = 1;
}
