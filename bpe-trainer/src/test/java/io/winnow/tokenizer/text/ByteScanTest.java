package io.winnow.tokenizer.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteScanTest {
    /** The plain loop the scan must agree with. */
    private static int slow(byte[] s, int from, int to, byte x, byte y) {
        for (int p = from; p < to; p++) if (s[p] == x || s[p] == y) return p;
        return to;
    }

    @Test
    void findsTheFirstOfEitherByteAtEveryOffset() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] alphabet = {'\n', (byte) 0xE2, (byte) 0x96, (byte) 0x85, 'a', 0, (byte) 0xFF, (byte) 0x80, 0x7F, 0x0B, (byte) 0xE3};
        for (int round = 0; round < 2000; round++) {
            byte[] s = new byte[random.nextInt(40)];
            int density = 1 + random.nextInt(30);
            for (int i = 0; i < s.length; i++) {
                s[i] = random.nextInt(density) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) ('a' + random.nextInt(26));
            }
            int from = s.length == 0 ? 0 : random.nextInt(s.length), to = from + random.nextInt(s.length - from + 1);
            assertEquals(slow(s, from, to, (byte) '\n', (byte) 0xE2), ByteScan.indexOfEither(s, from, to, (byte) '\n', (byte) 0xE2));
            assertEquals(slow(s, from, to, (byte) 0, (byte) 0x80), ByteScan.indexOfEither(s, from, to, (byte) 0, (byte) 0x80));
            assertEquals(slow(s, from, to, (byte) 0xFF, (byte) 0x7F), ByteScan.indexOfEither(s, from, to, (byte) 0xFF, (byte) 0x7F));
        }
    }

    @Test
    void aByteRightAfterAMatchIsNoFalseHit() {
        // 0x01 after a 0x00 borrow: the classic SWAR false positive sits above the first true match
        byte[] s = {'a', 'b', 0x0A, 0x0B, 'c', 'd', 'e', 'f', 'g', 'h'};
        assertEquals(2, ByteScan.indexOfEither(s, 0, s.length, (byte) '\n', (byte) '\n'));
        assertEquals(3, ByteScan.indexOfEither(s, 0, s.length, (byte) 0x0B, (byte) 0x0B));
        assertEquals(10, ByteScan.indexOfEither(s, 0, s.length, (byte) 0x01, (byte) 0x02));
    }
}
