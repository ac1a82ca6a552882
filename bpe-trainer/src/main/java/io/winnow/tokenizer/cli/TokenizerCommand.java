package io.winnow.tokenizer.cli;

import picocli.CommandLine.Command;

/** {@code winnow tokenizer}: the subcommands of the tokenizer module. */
@Command(name = "tokenizer", mixinStandardHelpOptions = true, versionProvider = TokenizerCommand.Version.class,
        description = "SentencePiece-compatible BPE: train a model, encode/decode text, export to Hugging Face, report compression.",
        subcommands = {TrainCommand.class, EncodeCommand.class, DecodeCommand.class, ExportCommand.class, ReportCommand.class})
public final class TokenizerCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The winnow version the CLI module records in {@code winnow-version.properties}. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (java.io.InputStream in = TokenizerCommand.class.getResourceAsStream("/winnow-version.properties")) {
                if (in != null) p.load(in);
            }
            return new String[] {"winnow " + p.getProperty("version", "unknown") + " tokenizer (SentencePiece 0.2.x-compatible BPE)"};
        }
    }

    /** Exit code for bad flags or input (as the winnow CLI). */
    static final int EXIT_USAGE = 2;
    static final int EXIT_FAILED = 1;
}
