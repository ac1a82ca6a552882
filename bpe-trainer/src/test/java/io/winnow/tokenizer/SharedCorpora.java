package io.winnow.tokenizer;

import io.winnow.core.testing.Corpora;

import java.nio.file.Path;

/** The tokenizer corpora of the shared real-text corpora ({@code tokenizer/tok_5mb.txt}, {@code tok_large.txt}). */
public final class SharedCorpora {
    private SharedCorpora() {}

    public static Path tok5mb() throws Exception { return Corpora.file("tokenizer/tok_5mb.txt"); }

    public static Path tokLarge() throws Exception { return Corpora.file("tokenizer/tok_large.txt"); }
}
