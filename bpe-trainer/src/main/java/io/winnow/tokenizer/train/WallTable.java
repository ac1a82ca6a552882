package io.winnow.tokenizer.train;

/**
 * {@link PieceValidator#isWall} as two lookups, for the counting loop that looks at every char of the corpus: the
 * wall class of each code point (shifted to be ≥ 0) and whether a wall stands between two classes.
 */
final class WallTable {
    private static final int SHIFT = 3;  // WS_CLASS (-3) .. ANY (-1) and scripts 0.. become 0..
    /** Class of every code point, as an unsigned byte. */
    private final byte[] cls = new byte[0x110000];
    /** wall[cx << 8 | cy]: no piece can hold a char of class cx followed by one of class cy. */
    private final boolean[] wall = new boolean[1 << 16];

    /** @param spaceIsWs a space stands for U+2581 (units counted from raw lines) */
    WallTable(PieceValidator validator, boolean spaceIsWs) {
        int maxClass = 0;
        for (int c = 0; c < cls.length; c++) {
            int k = validator.wallClass(c) + SHIFT;
            if (k < 0 || k > 255) throw new IllegalStateException("wall class out of range for U+" + Integer.toHexString(c));
            cls[c] = (byte) k;
            maxClass = Math.max(maxClass, k);
        }
        if (spaceIsWs) cls[' '] = (byte) (PieceValidator.WS_CLASS + SHIFT);
        for (int x = 0; x <= maxClass; x++) {
            for (int y = 0; y <= maxClass; y++) wall[x << 8 | y] = validator.isWallBetween(x - SHIFT, y - SHIFT);
        }
    }

    /** A class with a wall after it whatever follows (a char that stands alone): the class "before" a line. */
    int walledClass() { return PieceValidator.ALONE + SHIFT; }

    int classOf(int codePoint) { return cls[codePoint] & 0xFF; }

    boolean between(int classX, int classY) { return wall[classX << 8 | classY]; }
}
