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
    /**
     * Occurrences of single-char runs by code point (a space counted as U+2581 when it stands for one): those of the
     * Basic Multilingual Plane at first, every code point's once a char beyond it turns up (zeroing 8.9 MB per
     * worker at the start of the read pushed the first collection into it).
     */
    private long[] singles = new long[0x10000];

    RunCutter(WallTable walls, boolean spaceIsWs, int parts, int expectedPerPart) {
        this.runs = new RunCounts(parts, expectedPerPart);
        this.walls = walls;
        this.spaceIsWs = spaceIsWs;
    }

    /** The single-char runs' counts by code point, as an array over all code points (0x110000). */
    long[] singles() {
        if (singles.length < 0x110000) singles = java.util.Arrays.copyOf(singles, 0x110000);
        return singles;
    }

    /** Adds the single-char runs' counts into {@code into} (indexed by code point, over all code points). */
    void addSinglesTo(long[] into) {
        addCounts(into, singles);
    }

    /** Adds per-code-point counts (such as another thread's {@link #singles()}) into {@code into} (no shorter). */
    static void addCounts(long[] into, long[] from) {
        for (int c = 0; c < from.length; c++) into[c] += from[c];
    }

    /** Run starts of the line being counted: {@link #cut} fills it, or a caller that cuts lines itself. */
    private int[] cuts = new int[256];

    /** Room for the run starts of a line of {@code len} bytes (at most one per byte). */
    int[] cutsFor(int len) {
        if (cuts.length < len + 1) cuts = new int[Math.max(cuts.length * 2, len + 1)];
        return cuts;
    }

    /** Cuts the valid UTF-8 {@code s[from, to)} at its walls and counts each run {@code count} times. */
    void cut(byte[] s, int from, int to, long count) {
        int[] cuts = cutsFor(to - from);
        int n = 0, prev = walls.walledClass();
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
            // every char's start is written, the count moves only at a wall: a branch on walls, which come at
            // random, was mispredicted at most of them
            cuts[n] = p;
            n += walls.wallsBetween(prev, k);
            prev = k;
            p += len;
        }
        countRuns(s, n, to, count);
    }

    /** Counts the runs of one line (no wall inside any): they start at {@code cutsFor(..)[0, n)}, the last ends at {@code to}. */
    void countRuns(byte[] s, int n, int to, long count) {
        int[] cuts = this.cuts;
        RunCounts runs = this.runs;
        for (int i = 0; i < n; i++) {
            int from = cuts[i], end = i + 1 < n ? cuts[i + 1] : to;
            // the text is valid UTF-8 here, so the lead byte tells a single char; only those are decoded (one loop,
            // no call per run: C1, which compiles the training run, inlines only small methods)
            if (end - from > Utf8.oneCharLen(s[from])) {
                runs.add(s, from, end - from, count);
            } else {
                int c = Utf8.cp(Utf8.decodeWellFormed(s, from));
                if (c == ' ' && spaceIsWs) c = PieceValidator.WS;
                if (c != 0) {
                    long[] t = singles;
                    if (c >= t.length) singles = t = java.util.Arrays.copyOf(t, 0x110000);
                    t[c] += count;
                }
            }
        }
    }
}
