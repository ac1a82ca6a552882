package io.winnow.mixture.testing;

import io.winnow.tokenizer.cli.TokenizerCommand;
import io.winnow.tokenizer.model.Piece;
import io.winnow.tokenizer.model.PieceType;
import io.winnow.tokenizer.model.SentencePieceModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Tokenizer models for the mixture tests, made as a user makes them — {@code winnow tokenizer train} — on the
 * test shards' own text (8,000 pieces, byte fallback; uint16 ids), once per JVM under {@code target/}.
 */
public final class TestTokenizer {
    private static Path small;
    private static Path large;

    private TestTokenizer() {}

    /** An 8,000-piece BPE model trained on {@link RealShards}. */
    public static synchronized Path model() throws Exception {
        if (small != null) return small;
        Path dir = Path.of("target", "mix-test-tokenizer").toAbsolutePath();
        Path model = dir.resolve("mix8k.model");
        if (!Files.exists(model)) {
            Files.createDirectories(dir);
            Path data = RealShards.dir();
            int rc = new CommandLine(new TokenizerCommand()).execute("train",
                    "--input", data.resolve("en") + "," + data.resolve("zh") + "," + data.resolve("code"),
                    "--model_prefix", dir.resolve("mix8k").toString(), "--vocab_size", "8000",
                    "--character_coverage", "0.9995", "--byte_fallback", "--split_digits", "--quiet");
            if (rc != 0 || !Files.exists(model)) throw new IllegalStateException("winnow tokenizer train failed (exit " + rc + ")");
        }
        small = model;
        return small;
    }

    /**
     * The same model with 60,000 unused pieces appended: 68,000 pieces, so Megatron's rule gives int32 ids, while
     * every text encodes to the same ids as with {@link #model()} (unused pieces are never produced).
     */
    public static synchronized Path int32Model() throws Exception {
        if (large != null) return large;
        Path out = model().resolveSibling("mix68k.model");
        if (!Files.exists(out)) {
            SentencePieceModel m = SentencePieceModel.read(model());
            List<Piece> pieces = new ArrayList<>(m.pieces());
            for (int i = 0; i < 60_000; i++) pieces.add(new Piece(String.format("<unused_%05d>", i), 0f, PieceType.UNUSED));
            new SentencePieceModel(pieces, m.trainerSpec(), m.normalizerSpec()).write(out);
        }
        large = out;
        return large;
    }
}
