package io.winnow.tokenizer.cli;

import io.winnow.core.cli.CommandProvider;

/** Contributes {@code winnow tokenizer train|encode|decode|export|report}. */
public final class TokenizerCommandProvider implements CommandProvider {
    @Override
    public String name() { return "tokenizer"; }

    @Override
    public String description() {
        return "train a SentencePiece-compatible BPE tokenizer; encode, decode, export (HF tokenizer.json), report";
    }

    @Override
    public Object command() { return new TokenizerCommand(); }

    /** {@code tokenizer train} with plain spm flags runs without picocli ({@link TrainCommand#runDirectly}). */
    @Override
    public Integer runDirectly(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("train")) return null;
        return TrainCommand.runDirectly(java.util.Arrays.copyOfRange(args, 1, args.length));
    }
}
