package io.winnow.tokenizer.train;

import io.winnow.tokenizer.text.UnicodeScripts;

/**
 * {@link PieceValidator#isWall} as two lookups, for the counting loop that looks at every char of the corpus: the
 * wall class of each code point (shifted to be ≥ 0) and whether a wall stands between two classes.
 */
final class WallTable {
    private static final int SHIFT = 3;  // WS_CLASS (-3) .. ANY (-1) and scripts 0.. become 0..
    /**
     * Class of every code point, as an unsigned byte. The counting loops read this array and {@link #wall} through
     * locals: the training run's code is compiled by C1, which loads a field again at every use.
     */
    final byte[] cls = new byte[0x110000];
    /**
     * wall[cx << 8 | cy] is 1 when no piece can hold a char of class cx followed by one of class cy, else 0: a number
     * the counting loops add to their run count, where a boolean made C1 (which compiles the training run) branch on
     * every char, mispredicted at most walls.
     */
    final byte[] wall = new byte[1 << 16];

    /** @param spaceIsWs a space stands for U+2581 (units counted from raw lines) */
    WallTable(PieceValidator validator, boolean spaceIsWs) {
        // by script, then the few code points the script does not decide one by one: a call of wallClass per code
        // point took 20 ms of the trainer's start
        byte[] byScript = new byte[256];
        int maxClass = 0;
        for (int s = 0; s < UnicodeScripts.count(); s++) {
            int k = checked(PieceValidator.scriptClass((byte) s) + SHIFT, s);
            byScript[s] = (byte) k;
            maxClass = Math.max(maxClass, k);
        }
        UnicodeScripts.scripts(cls);
        for (int c = 0; c < cls.length; c++) cls[c] = byScript[cls[c] & 0xFF];
        for (int[] range : PieceValidator.NOT_BY_SCRIPT) {
            for (int c = range[0]; c <= range[1]; c++) {
                int k = checked(validator.wallClass(c) + SHIFT, c);
                cls[c] = (byte) k;
                maxClass = Math.max(maxClass, k);
            }
        }
        if (spaceIsWs) cls[' '] = (byte) (PieceValidator.WS_CLASS + SHIFT);
        for (int x = 0; x <= maxClass; x++) {
            for (int y = 0; y <= maxClass; y++) wall[x << 8 | y] = (byte) (validator.isWallBetween(x - SHIFT, y - SHIFT) ? 1 : 0);
        }
    }

    /** Classes are 0..254 (255 is free for the counting loop's marker). */
    private static int checked(int k, int what) {
        if (k < 0 || k > 254) throw new IllegalStateException("wall class out of range for " + Integer.toHexString(what));
        return k;
    }

    /** A class with a wall after it whatever follows (a char that stands alone): the class "before" a line. */
    int walledClass() { return PieceValidator.ALONE + SHIFT; }

    int classOf(int codePoint) { return cls[codePoint] & 0xFF; }

    boolean between(int classX, int classY) { return wall[classX << 8 | classY] != 0; }

    /** {@link #between} as 1 or 0. */
    int wallsBetween(int classX, int classY) { return wall[classX << 8 | classY]; }
}
