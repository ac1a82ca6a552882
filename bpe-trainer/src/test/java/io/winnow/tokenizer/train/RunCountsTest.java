package io.winnow.tokenizer.train;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run counts split by hash and merged part by part: every string ends up once, with the sum of its counts. */
class RunCountsTest {
    @Test
    void countsOfSeveralThreadsMergeToTheSums() throws Exception {
        Random random = new Random(7);
        Map<String, Long> expected = new HashMap<>();
        RunCounts[] threads = {new RunCounts(3), new RunCounts(3)};
        String[] vocabulary = new String[5000];
        for (int i = 0; i < vocabulary.length; i++) vocabulary[i] = randomRun(random);
        for (int i = 0; i < 200_000; i++) {
            // skewed like words: low indices often
            String s = vocabulary[(int) Math.min(vocabulary.length - 1, Math.abs(random.nextGaussian()) * 800)];
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            // the string sits inside a larger buffer, sometimes at its very end (the short-buffer key path)
            byte[] buf = new byte[b.length + (random.nextBoolean() ? 0 : 20)];
            int off = buf.length - b.length - (buf.length > b.length ? random.nextInt(buf.length - b.length) : 0);
            System.arraycopy(b, 0, buf, off, b.length);
            long n = 1 + random.nextInt(3);
            threads[random.nextInt(2)].add(buf, off, b.length, n);
            expected.merge(s, n, Long::sum);
        }
        ByteCountMap[] handed = new ByteCountMap[threads[0].parts.length];
        ByteCountMap[] parts = RunCounts.merge(threads, (k, part) -> {
            assertTrue(handed[k] == null, "part " + k + " handed over twice");
            handed[k] = part;
        });
        assertArrayEquals(parts, handed, "every part is handed over, sealed, as it is returned");
        Map<String, Long> got = new HashMap<>();
        for (ByteCountMap part : parts) {
            for (int e = 0; e < part.size(); e++) {
                String s = new String(part.arena(), part.offset(e), part.length(e), StandardCharsets.UTF_8);
                assertTrue(got.put(s, part.count(e)) == null, "listed twice: " + s);
            }
        }
        assertEquals(expected, got);
        assertTrue(parts[0].size() > 0 && parts[1].size() > 0 && parts[2].size() > 0, "every part holds runs");
    }

    /** 2 to 40 bytes of letters, CJK and ▁, never a NUL: both the inline (≤ 16 bytes) and the arena strings. */
    private static String randomRun(Random random) {
        StringBuilder b = new StringBuilder();
        int bytes = 2 + random.nextInt(39);
        while (b.toString().getBytes(StandardCharsets.UTF_8).length < bytes) {
            int kind = random.nextInt(10);
            b.append(kind < 6 ? (char) ('a' + random.nextInt(26)) : kind < 9 ? (char) (0x4E00 + random.nextInt(500)) : '\u2581');
        }
        return b.toString();
    }
}
