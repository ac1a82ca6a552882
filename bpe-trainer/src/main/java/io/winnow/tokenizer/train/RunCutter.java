package io.winnow.tokenizer.train;

import io.winnow.tokenizer.text.Utf8;

/**
 * Cuts units at the walls as they are counted: runs of two or more chars are counted by their bytes, single chars
 * only by code point (they hold no pair; the alphabet still needs their counts). The merges come out the same,
 * because no merge crosses a wall, but the merge input is final after one pass over the corpus: a CJK sentence
 * between punctuation or a number-laden line is several short runs, and repeated runs are counted once.
 */
final class RunCutter {
    private final WallTable walls;
    private final boolean spaceIsWs;
    /** Distinct runs of ≥ 2 chars with their counts. */
    final RunCounts runs;
    /** Occurrences of single-char runs by code point (a space counted as U+2581 when it stands for one). */
    final long[] singles = new long[0x110000];

    RunCutter(WallTable walls, boolean spaceIsWs, int parts) {
        this.runs = new RunCounts(parts);
        this.walls = walls;
        this.spaceIsWs = spaceIsWs;
    }

    /** Adds per-code-point counts (such as another thread's {@link #singles}) into {@code into}. */
    static void addCounts(long[] into, long[] from) {
        for (int c = 0; c < into.length; c++) into[c] += from[c];
    }

    /** Cuts the valid UTF-8 {@code s[from, to)} at its walls and counts each run {@code count} times. */
    void cut(byte[] s, int from, int to, long count) {
        int start = from, prev = 0;
        for (int p = from; p < to; ) {
            int x = s[p], c, len = 1;
            if (x >= 0) {
                c = x;
            } else {
                int d = Utf8.decode(s, p, to);
                c = Utf8.cp(d);
                len = Utf8.len(d);
            }
            int k = walls.classOf(c);
            if (p > from && walls.between(prev, k)) {
                run(s, start, p, count);
                start = p;
            }
            prev = k;
            p += len;
        }
        if (to > from) run(s, start, to, count);
    }

    /** Counts one run (no wall inside). */
    void run(byte[] s, int from, int to, long count) {
        int first = Utf8.decode(s, from, to);
        if (Utf8.len(first) < to - from) {
            runs.add(s, from, to - from, count);
        } else {
            int c = Utf8.cp(first);
            if (c == ' ' && spaceIsWs) c = PieceValidator.WS;
            if (c != 0) singles[c] += count;
        }
    }
}
