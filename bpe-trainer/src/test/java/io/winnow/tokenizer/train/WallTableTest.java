package io.winnow.tokenizer.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The wall table (filled by script, then code point by code point where the script does not decide) equals the rules. */
class WallTableTest {
    @Test
    void everyCodePointHasTheClassTheRulesGive() {
        for (int variant = 0; variant < 16; variant++) {
            TrainerOptions o = new TrainerOptions();
            o.splitDigits = (variant & 1) != 0;
            o.splitByNumber = (variant & 2) != 0;
            o.splitByUnicodeScript = (variant & 4) != 0;
            o.allowWhitespaceOnlyPieces = (variant & 8) != 0;
            PieceValidator v = new PieceValidator(o);
            for (boolean spaceIsWs : new boolean[]{false, true}) {
                WallTable table = new WallTable(v, spaceIsWs);
                for (int c = 0; c < 0x110000; c++) {
                    int expected = c == ' ' && spaceIsWs ? v.wallClass(PieceValidator.WS) : v.wallClass(c);
                    int got = table.classOf(c) - (table.walledClass() - PieceValidator.ALONE);
                    if (got != expected) {
                        assertEquals(expected, got, "class of U+" + Integer.toHexString(c) + " in variant " + variant);
                    }
                }
                for (int x : new int[]{'a', 'Z', '3', ' ', 0x2581, 0x4E00, 0x3042, 0x30FC, 0x0301, 0x0410, 0xFF11, 0}) {
                    for (int y : new int[]{'a', '7', ' ', 0x2581, 0x4E00, 0x30A2, 0x0301, 0x05D0, '\t'}) {
                        int cx = x == ' ' && spaceIsWs ? 0x2581 : x, cy = y == ' ' && spaceIsWs ? 0x2581 : y;
                        assertEquals(v.isWall(cx, cy), table.between(table.classOf(x), table.classOf(y)),
                                "wall between U+" + Integer.toHexString(x) + " and U+" + Integer.toHexString(y));
                    }
                }
            }
        }
    }
}
