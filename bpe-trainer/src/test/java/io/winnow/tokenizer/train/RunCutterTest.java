package io.winnow.tokenizer.train;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A line cut at its walls: runs of two or more chars counted by their bytes, single chars by code point. */
class RunCutterTest {
    @Test
    void singleCharsBeyondTheBasicPlaneAreCountedToo() throws Exception {
        TrainerOptions o = new TrainerOptions();
        o.splitDigits = true;
        RunCutter cutter = new RunCutter(new WallTable(new PieceValidator(o), true), true, 2, 0);
        // 😀 and 𠀀 stand alone (a script of their own next to Latin, then a space before a digit); 'a' and '7' too
        byte[] line = "😀ab 7 𠀀 中文 a".getBytes(StandardCharsets.UTF_8);
        cutter.cut(line, 0, line.length, 3);
        cutter.cut(line, 0, line.length, 2);
        long[] singles = cutter.singles();
        assertEquals(0x110000, singles.length);
        assertEquals(5, singles[0x1F600], "😀");
        assertEquals(5, singles['7'], "7 (digits split, after the run '▁')");
        Map<String, Long> runs = new HashMap<>();
        for (ByteCountMap part : RunCounts.merge(new RunCounts[]{cutter.runs}, (k, p) -> { })) {
            for (int e = 0; e < part.size(); e++) {
                runs.put(new String(part.arena(), part.offset(e), part.length(e), StandardCharsets.UTF_8), part.count(e));
            }
        }
        assertEquals(Map.of("ab", 5L, " 𠀀", 5L, " 中文", 5L, " a", 5L), runs);
        assertEquals(5, singles[PieceValidator.WS], "the space before the digit, alone");
    }
}
