package io.winnow.tokenizer.encode;

/** Gives this package the shared corner-case lines. */
final class EdgeCasesAccess {
    private EdgeCasesAccess() {}

    static byte[] joined() { return io.winnow.tokenizer.EdgeCases.joined(); }
}
