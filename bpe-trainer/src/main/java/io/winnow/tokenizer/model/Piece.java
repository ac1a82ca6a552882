package io.winnow.tokenizer.model;

/** One vocabulary entry: its surface string, score and type. */
public record Piece(String piece, float score, PieceType type) {
    public Piece {
        if (piece == null || piece.isEmpty()) throw new IllegalArgumentException("piece must not be empty");
    }
}
