package io.winnow.tokenizer.train;


import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The BPE merge loop with SentencePiece's semantics and a cost that follows the data touched, not corpus × merges:
 * <ul>
 *   <li>pair counts over distinct units (count = Σ unit count × adjacent occurrences, overlapping self-pairs
 *       included, as SentencePiece ≥ 0.1.99 counts);</li>
 *   <li>a lazy max-heap ordered by count desc, then merged length in code points asc, then merged UTF-8 bytes asc
 *       (SentencePiece's tie-break); stale entries are re-pushed with their current count when they surface, which
 *       is exact because a pair's count only grows in the iteration that creates it;</li>
 *   <li>per pair, the units where it occurs; a merge rewrites only those units (a large one on two threads, each
 *       on the half of the units it owns), left to right without overlap,
 *       and turns the rewrite into count deltas for the neighbouring pairs;</li>
 *   <li>a pair whose string already is a piece (e.g. {@code aa+a} after {@code a+aa}) is dropped for good and adds
 *       no piece, as SentencePiece does; pairs that fail the piece-validity rule are never counted.</li>
 * </ul>
 */
final class BpeMerger {
    /**
     * The count of a pair that is gone: merged, or not a valid piece (validity is checked once, when the pair first
     * tops the heap), or holding the unknown char. Far below zero, where the count deltas later merges still send it
     * cannot bring it back: a live pair's count is never negative, so one array answers both questions with one
     * memory access.
     */
    private static final long GONE = Long.MIN_VALUE / 4;

    private static boolean live(long count) { return count >= 0; }

    // symbols: code points and UTF-8 of every symbol (chars first, then merges)
    private int[][] symCps = new int[1024][];
    private byte[][] symUtf8 = new byte[1024][];
    private int[] symLen = new int[1024];
    private int nSyms;

    // units in one arena, compacted in place by merges; a unit is named by its offset. Layout: length, count
    // (low, high int), then per symbol two cells: the symbol id and the id of the pair it starts with the next
    // symbol (kept through the merges), so that visiting a unit for a merge reads one place in memory
    private final int[] arena;
    private final int[] units;
    private static final int H = SymbolUnits.HEADER;
    /** The unknown char's symbol: no pair with it is valid. */
    private final int unknownId;

    // pairs
    private int nPairs;
    private int[] pLeft, pRight;
    private long[] pCount;
    // units where a pair occurs: for the pairs of the initial count one shared array (they never gain units, as
    // every new adjacency involves the newest symbol; each list is in arena order), for pairs born in merges a
    // list in a pool per owner: units below {@link #boundary} are the main thread's, the others the helper's
    private final WhereLists whereLow, whereHigh;
    /** The first arena offset of the helper's units (the arena's end when there is no helper). */
    private final int boundary;
    /** Units per pair of the initial count (pairs born later keep theirs in {@link #whereLow} and {@link #whereHigh}). */
    private final int[] pWhereSize;
    private final int[] initialWhere;
    private final int[] initialStart;
    private final int initialPairs;
    /** The initial count's invalid pairs (marked GONE when the loop starts) and its count histogram. */
    private byte[] initialInvalid;
    private final long[] initialByLog;

    // heap of (count, pair)
    private long[] hCount = new long[1 << 16];
    private int[] hPair = new int[1 << 16];
    private int hSize;

    private final PieceValidator validator;
    private final PrintStream log;
    private final Phases phases;

    /**
     * @param threads with 2 or more, the units are split in two halves, each rewritten by its own thread in large
     *                merges
     */
    BpeMerger(int[][] charCps, SymbolUnits units, PieceValidator validator, int threads,
              PrintStream log, Phases phases) {
        this.phases = phases;
        int parts = units.partStart.length - 1;
        this.boundary = threads >= 2 && parts >= 2 ? (int) units.partStart[parts / 2] : Integer.MAX_VALUE;
        for (int[] cps : charCps) addSymbol(cps);
        unknownId = charCps.length - 1;
        this.arena = units.arena;
        this.units = units.units;
        this.lastCell = arena.length - 1;
        InitialPairs init = units.pairs;
        nPairs = initialPairs = init.size;
        // the initial count's arrays are taken over (they have room past its pairs; growPairs makes more)
        int cap = init.left.length;
        if (cap == 0 || init.right.length != cap || init.count.length != cap) {
            throw new IllegalStateException("initial pair arrays of different lengths");
        }
        pLeft = init.left;
        pRight = init.right;
        pCount = init.count;
        pWhereSize = init.whereSize;
        initialInvalid = init.invalid;
        initialByLog = init.byLog;
        whereLow = new WhereLists(nPairs);
        whereHigh = new WhereLists(nPairs);
        initialStart = init.whereStart;
        initialWhere = init.where;
        this.validator = validator;
        this.log = log;
    }

    private int addSymbol(int[] cps) {
        if (nSyms == symCps.length) {
            symCps = Arrays.copyOf(symCps, nSyms * 2);
            symUtf8 = Arrays.copyOf(symUtf8, nSyms * 2);
            symLen = Arrays.copyOf(symLen, nSyms * 2);
        }
        symCps[nSyms] = cps;
        symLen[nSyms] = cps.length;
        symUtf8[nSyms] = new String(cps, 0, cps.length).getBytes(StandardCharsets.UTF_8);
        return nSyms++;
    }

    // ------------------------------------------------------------------ pairs

    /** A new pair id for (a, b), which must not have one yet. */
    private int newPair(int a, int b) {
        if (nPairs == pLeft.length) growPairs();
        int p = nPairs++;
        pLeft[p] = a;
        pRight[p] = b;
        pCount[p] = a == unknownId || b == unknownId ? GONE : 0;
        return p;
    }

    private void growPairs() {
        int n = pLeft.length + (pLeft.length >> 1) + 16;  // the initial count leaves room for half as many again
        pLeft = Arrays.copyOf(pLeft, n);
        pRight = Arrays.copyOf(pRight, n);
        pCount = Arrays.copyOf(pCount, n);
    }

    // ------------------------------------------------------------------ heap

    /** True if heap entry i should be popped before j. */
    private boolean before(int i, int j) {
        if (hCount[i] != hCount[j]) return hCount[i] > hCount[j];
        int a = hPair[i], b = hPair[j];
        int la = symLen[pLeft[a]] + symLen[pRight[a]];
        int lb = symLen[pLeft[b]] + symLen[pRight[b]];
        if (la != lb) return la < lb;
        int c = compareConcat(symUtf8[pLeft[a]], symUtf8[pRight[a]], symUtf8[pLeft[b]], symUtf8[pRight[b]]);
        if (c != 0) return c < 0;
        // same string from different pairs (aa+a, a+aa): SentencePiece's order is its pointer order; ours is
        // the symbols' creation order, independent of threads
        if (pLeft[a] != pLeft[b]) return pLeft[a] < pLeft[b];
        return pRight[a] < pRight[b];
    }

    /** Unsigned lexicographic comparison of x1+x2 with y1+y2, without concatenating. */
    static int compareConcat(byte[] x1, byte[] x2, byte[] y1, byte[] y2) {
        int nx = x1.length + x2.length, ny = y1.length + y2.length;
        for (int i = 0, n = Math.min(nx, ny); i < n; i++) {
            int a = (i < x1.length ? x1[i] : x2[i - x1.length]) & 0xFF;
            int b = (i < y1.length ? y1[i] : y2[i - y1.length]) & 0xFF;
            if (a != b) return a - b;
        }
        return Integer.compare(nx, ny);
    }

    private void swap(int i, int j) {
        long c = hCount[i]; hCount[i] = hCount[j]; hCount[j] = c;
        int p = hPair[i]; hPair[i] = hPair[j]; hPair[j] = p;
    }

    private void push(long count, int p) {
        if (hSize == hCount.length) {
            hCount = Arrays.copyOf(hCount, hSize * 2);
            hPair = Arrays.copyOf(hPair, hSize * 2);
        }
        hCount[hSize] = count;
        hPair[hSize] = p;
        int i = hSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(i, parent)) break;
            swap(i, parent);
            i = parent;
        }
    }

    /** Removes the top; it is left at index hSize. */
    private void pop() {
        hSize--;
        swap(0, hSize);
        int i = 0;
        while (true) {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < hSize && before(l, m)) m = l;
            if (r < hSize && before(r, m)) m = r;
            if (m == i) return;
            swap(i, m);
            i = m;
        }
    }

    /** The best live pair by the heap order (count as of now), or -1 when none is left. */
    private int nextPair() {
        while (true) {
            if (hSize == 0 && !refill()) return -1;
            if (hSize == 0) continue;
            pop();
            int p = hPair[hSize];
            long c = hCount[hSize];
            if (!live(pCount[p])) continue;
            if (c != pCount[p]) {
                offer(pCount[p], p);
                continue;
            }
            return p;
        }
    }

    /** Count of the pair merged last (for the log). */
    private long pCountMerged;

    /**
     * Merges pair p, or drops it when its string is not a valid piece or already is a piece (then null, and the
     * pair is gone for good); returns the new piece.
     */
    private String mergeOne(int p, Set<String> dup) {
        int a = pLeft[p], b = pRight[p];
        if (!validator.isValid(symCps[a], symCps[b])) {
            pCount[p] = GONE;
            freeWhere(p);
            return null;
        }
        int[] cps = new int[symCps[a].length + symCps[b].length];
        System.arraycopy(symCps[a], 0, cps, 0, symCps[a].length);
        System.arraycopy(symCps[b], 0, cps, symCps[a].length, symCps[b].length);
        String s = new String(cps, 0, cps.length);
        long merged = pCount[p];
        pCount[p] = GONE;
        if (!dup.add(s)) {
            freeWhere(p);
            return null;
        }
        pCountMerged = merged;
        merge(p, a, b, addSymbol(cps));
        return s;
    }

    // ------------------------------------------------------------------ threshold

    /**
     * Only pairs counted at least this often are in the heap; the rest (most pairs: rare ones that will never be
     * merged) wait outside at no cost. Invariant: every live pair with a count ≥ threshold has a heap entry whose
     * key is ≥ its count (counts of existing pairs only fall), so the lazy heap still pops the true best pair.
     * When the heap runs dry the threshold halves and the pairs in the new band are pushed. 0 once every positive
     * count is in: then pairs whose count fell to 0 are pushed too, as a heap of all pairs would end.
     */
    private long threshold;
    private static final int HEAP_TARGET = 1 << 16;

    /**
     * The largest power of two with about HEAP_TARGET live pairs at or above it, from the initial count's histogram
     * (made while the pairs were written, on all threads: a pass over all pairs here cost 0.02 s).
     */
    private long initialThreshold() {
        long n = 0;
        for (int k = 63; k > 0; k--) {
            n += initialByLog[k];
            if (n >= HEAP_TARGET) return 1L << k;
        }
        return 1;
    }

    /**
     * Pairs born in merges ever offered with a positive count: with the initial count's valid pairs (all counted
     * at least once), the ones a heap of all pairs would end up holding at count 0.
     */
    private final java.util.BitSet offered = new java.util.BitSet();

    private void offer(long count, int p) {
        if (count > 0) offered.set(p);
        if (count >= threshold) push(count, p);
    }

    /** Lowers the threshold and pushes the pairs it lets in; false when nothing is left to let in. */
    private boolean refill() {
        if (threshold == 0) return false;
        long old = threshold;
        if (old == 1) {
            threshold = 0;
            for (int p = 0; p < nPairs; p++) if (pCount[p] == 0 && (p < initialPairs || offered.get(p))) push(0, p);
            return true;
        }
        threshold = old / 2;
        for (int p = 0; p < nPairs; p++) {
            if (pCount[p] >= threshold && pCount[p] < old) push(pCount[p], p);
        }
        return true;
    }

    // ------------------------------------------------------------------ main loop

    /** Runs up to {@code merges} merges; returns the merged pieces in order (fewer if pairs run out). */
    List<String> run(int merges) {
        threshold = initialThreshold();
        // one pass: invalid pairs are gone, the others wait for the heap or go in
        byte[] invalid = initialInvalid;
        for (int p = 0; p < nPairs; p++) {
            if (invalid[p] != 0) pCount[p] = GONE;
            else if (pCount[p] >= threshold) push(pCount[p], p);  // offered, as every valid initial pair is
        }
        initialInvalid = null;
        phases.mark("heap");
        List<String> pieces = new ArrayList<>(merges);
        Set<String> dup = new HashSet<>();
        long t0 = System.nanoTime(), lastLog = t0;
        if (boundary != Integer.MAX_VALUE) {
            helper = new Helper();
            helper.start();
        }
        try {
            // the loop body lives in small methods: as one OSR compilation of run() it made C2 work for seconds
            for (int p; pieces.size() < merges && (p = nextPair()) >= 0; ) {
                String s = mergeOne(p, dup);
                if (s == null) continue;
                pieces.add(s);
                if (log != null && System.nanoTime() - lastLog > 5_000_000_000L) {
                    lastLog = System.nanoTime();
                    log.printf("[train] %,d / %,d merges, last '%s' (count %,d), %,d pairs, %.0f s%n",
                            pieces.size(), merges, s, pCountMerged, nPairs, (lastLog - t0) / 1e9);
                }
            }
        } finally {
            if (helper != null) helper.shutdown();
        }
        phases.mark("merge loop");
        return pieces;
    }

    /**
     * What rewriting some units A B → C changed, aggregated by neighbour: for each left neighbour x the count moved
     * from (x, A) to (x, C), for each right neighbour x from (B, x) to (C, x); plus the (x, unit) occurrences of the
     * new pairs for their where-lists.
     */
    private static final class Deltas {
        /** Left neighbours x: (x, A) → (x, C); right ones: (B, x) → (C, x). */
        final Side left = new Side(), right = new Side();

        void prepare(int symbols) {
            left.prepare(symbols);
            right.prepare(symbols);
        }

        /** Adds another thread's sums by neighbour (its per-occurrence lists stay with it). */
        void addSums(Deltas o) {
            left.addSums(o.left);
            right.addSums(o.right);
        }

        void reset() {
            left.reset();
            right.reset();
        }
    }

    /** One side's changes: sums by neighbour, the pair cells to set and the (neighbour, unit) occurrences. */
    private static final class Side {
        // dense sums by neighbour symbol id, reset through the touched list after each merge
        long[] sum = new long[0];
        int touchedCount;
        int[] touched = new int[64];
        // per neighbour: the id of the pair it formed before, (x, A) or (B, x); -1 for (C, A), born in this merge
        int[] old = new int[0];
        // pair cells that come to hold the new pair with x, to set once the new pairs have ids
        int cellCount;
        int[] cellX = new int[64], cellPos = new int[64];
        // (x, unit) occurrences, a unit once per neighbour
        int count;
        int[] xs = new int[64], us = new int[64];

        void prepare(int symbols) {
            if (sum.length < symbols) {
                sum = new long[symbols + (symbols >> 2) + 16];
                old = new int[sum.length];
            }
        }

        /** Neighbour x of an occurrence in unit u (of count cnt), whose pair cell is at pos and held pair oldPair. */
        // reads each field once: C1, which compiles the training run, loads a field at every use
        void add(int x, long cnt, int u, int pos, int oldPair) {
            long[] s = sum;
            long had = s[x];
            if (had == 0) {
                if (touchedCount == touched.length) touched = Arrays.copyOf(touched, touchedCount * 2);
                touched[touchedCount++] = x;
                old[x] = oldPair;
            }
            s[x] = had + cnt;
            int p = cellCount;
            if (p == cellX.length) {
                cellX = Arrays.copyOf(cellX, p * 2);
                cellPos = Arrays.copyOf(cellPos, p * 2);
            }
            cellX[p] = x;
            cellPos[p] = pos;
            cellCount = p + 1;
            int n = count;
            int[] xs = this.xs, us = this.us;
            if (n > 0 && xs[n - 1] == x && us[n - 1] == u) return;
            if (n == xs.length) {
                this.xs = xs = Arrays.copyOf(xs, n * 2);
                this.us = us = Arrays.copyOf(us, n * 2);
            }
            xs[n] = x;
            us[n] = u;
            count = n + 1;
        }

        void addSums(Side o) {
            for (int i = 0; i < o.touchedCount; i++) {
                int x = o.touched[i];
                if (sum[x] == 0) {
                    if (touchedCount == touched.length) touched = Arrays.copyOf(touched, touchedCount * 2);
                    touched[touchedCount++] = x;
                    old[x] = o.old[x];
                }
                sum[x] += o.sum[x];
            }
        }

        void reset() {
            for (int i = 0; i < touchedCount; i++) sum[touched[i]] = 0;
            touchedCount = cellCount = count = 0;
        }
    }

    /** Units {@link #rewriteAll} touches together before visiting them. */
    private static final int GROUP = 16;
    /** The arena's last cell: a look-ahead read of a unit's second cache line stops there. */
    private final int lastCell;
    /** Sink for the look-ahead reads (so the JIT keeps them). */
    @SuppressWarnings("unused")
    private volatile int touched;

    /**
     * Rewrites the units {@code where[from, to)}. Visiting a unit is a cache miss or two (they lie anywhere in the
     * arena), so the units of the next group are read first, in a loop of loads that do not depend on each other:
     * the core then has a group's misses in flight at once instead of waiting for one at a time (a load a step ahead
     * stalled the core as soon as its window filled).
     */
    private void rewriteAll(int[] where, int from, int to, int a, int b, int c, Deltas d) {
        int[] arena = this.arena;
        int lastCell = this.lastCell;
        int sink = 0;
        for (int i = from, ahead = from; i < to; i += GROUP) {
            // touch the units up to the end of the next group first (the first time, this group's too): these loads
            // do not depend on each other, so the core has them all in flight at once
            for (int e2 = Math.min(to, i + 2 * GROUP); ahead < e2; ahead++) {
                int u = where[ahead];
                sink += arena[u] + arena[Math.min(u + 16, lastCell)];
            }
            for (int j = i, end = Math.min(to, i + GROUP); j < end; j++) rewrite(where[j], a, b, c, d);
        }
        if (sink == 42) touched = sink;
    }

    /** Rewrites A B → C in one unit, left to right without overlap, recording the neighbours. */
    private void rewrite(int u, int a, int b, int c, Deltas out) {
        int[] arena = this.arena;  // in a local: C1, which compiles the training run, loads a field at every use
        int s = u + H, e = s + 2 * arena[u];
        long cnt = SymbolUnits.count(arena, u);
        int w = s, r = s;
        while (r < e) {
            if (r + 2 < e && arena[r] == a && arena[r + 2] == b) {
                if (w > s) {  // left neighbour x: its pair cell held (x, A) and will hold (x, C)
                    int x = arena[w - 2];
                    out.left.add(x, cnt, u, w - 1, x == c ? -1 : arena[w - 1]);
                }
                // right neighbour x: B's pair cell held (B, x); C's will hold (C, x)
                if (r + 4 < e) out.right.add(arena[r + 4], cnt, u, w + 1, arena[r + 3]);
                arena[w] = c;
                w += 2;
                r += 4;
            } else {
                arena[w] = arena[r];
                arena[w + 1] = arena[r + 1];
                w += 2;
                r += 2;
            }
        }
        // unconditionally: a unit where the pair is gone keeps its length, and a branch taken only by such units
        // (none in the first merges) made C2 recompile this method
        arena[u] = (w - s) / 2;
    }

    /**
     * One merge's count deltas (the main thread's; the helper has {@link #helperDeltas}). An earlier design
     * rewrote large merges' units in eight chunks on a pool and then set every pair cell and list on the main
     * thread: slower, since that serial work grew with the chunks and C2 kept the second core busy. Now each of two
     * threads owns half of the units for the whole loop (and their lists), and only the sums by neighbour are
     * added up.
     */
    private final Deltas deltas = new Deltas();
    private int[] leftNew = new int[0], rightNew = new int[0];

    private void addCount(int p, long d) {
        pCount[p] += d;  // a gone pair stays far below zero
    }

    /**
     * Merges of at least this many units are rewritten by two threads, each on its own units. On tok_large a merge
     * costs 100-250 ns per unit it visits, most of it C1 code, not waiting: from 64 units on the second thread
     * repays the hand-off (merges of 64-511 units, 1.7 M visits, took ~0.3 s on one thread; 10 alternating pairs:
     * merge loop 0.70 s against 0.73 s, faster in 7). Below that the fixed cost of a merge dominates.
     */
    static int parallelMinUnits = 64;
    private Helper helper;
    private final Deltas helperDeltas = new Deltas();

    // merge() is split into small steps so that the JIT compiles each on its own: as one method, with everything
    // inlined, it took C2 over a second of a 2-core machine to compile
    private void merge(int p, int a, int b, int c) {
        // the pair's units: the main thread's [lf, lt) of lw, the helper's [hf, ht) of hw
        int[] lw, hw;
        int lf, lt, hf, ht;
        if (p < initialPairs) {
            lw = hw = initialWhere;
            lf = initialStart[p];
            ht = lf + pWhereSize[p];
            pWhereSize[p] = 0;
            lt = hf = firstAtOrAbove(initialWhere, lf, ht, boundary);
        } else {
            lw = whereLow.pool();
            lf = whereLow.start(p);
            lt = lf + whereLow.size(p);
            hw = whereHigh.pool();
            hf = whereHigh.start(p);
            ht = hf + whereHigh.size(p);
        }
        if (lt == lf && ht == hf) {
            freeWhere(p);
            return;
        }
        Deltas d = deltas, h = helperDeltas;
        d.prepare(nSyms);
        boolean together = helper != null && lt > lf && ht > hf && (lt - lf) + (ht - hf) >= parallelMinUnits;
        if (together) {
            h.prepare(nSyms);
            helper.post(Helper.REWRITE, hw, hf, ht, a, b, c);
            rewriteAll(lw, lf, lt, a, b, c, d);
            helper.await();
            d.addSums(h);
        } else {
            rewriteAll(lw, lf, lt, a, b, c, d);
            rewriteAll(hw, hf, ht, a, b, c, d);
        }
        int firstNew = nPairs;
        // pair ids of (x, C) and (C, x) by neighbour x, in dense arrays reset through the touched lists
        if (leftNew.length < nSyms) {
            leftNew = new int[nSyms + (nSyms >> 2) + 16];
            rightNew = new int[leftNew.length];
            Arrays.fill(leftNew, -1);
            Arrays.fill(rightNew, -1);
        }
        moveCounts(d, a, c);
        if (together) {
            helper.post(Helper.FINISH, null, 0, 0, 0, 0, 0);
            finish(d);
            helper.await();
            h.reset();
        } else {
            finish(d);
        }
        for (int k = 0; k < d.left.touchedCount; k++) leftNew[d.left.touched[k]] = -1;
        for (int k = 0; k < d.right.touchedCount; k++) rightNew[d.right.touched[k]] = -1;
        d.reset();
        freeWhere(p);  // only now: the rewrite read it
        offerNew(firstNew);
    }

    /** The pair cells and unit lists of one thread's rewrites, once the new pairs have ids. */
    private void finish(Deltas d) {
        patchPositions(d);
        recordWhere(d.left, leftNew);
        recordWhere(d.right, rightNew);
    }

    private void freeWhere(int p) {
        whereLow.free(p);
        whereHigh.free(p);
    }

    /** The first index in the ascending {@code a[from, to)} whose value is ≥ key (to if none). */
    private static int firstAtOrAbove(int[] a, int from, int to, int key) {
        int lo = from, hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /**
     * The second thread of the merge loop: in a large merge it rewrites the units at or above {@link #boundary}
     * while the main thread rewrites the others, then sets their pair cells and lists. Between merges it spins a
     * little, then parks. Only the main thread touches the counts, the heap and the new pairs.
     */
    private final class Helper extends Thread {
        static final int REWRITE = 1, FINISH = 2;
        private static final int SPINS = 1 << 14;
        // the task: plain fields, published by the volatile write of posted
        private int kind, from, to, a, b, c;
        private int[] where;
        private int seq;
        private volatile int posted, finished;
        private volatile boolean parked, stop;
        private volatile Throwable failure;

        Helper() {
            super("bpe-merge-helper");
            setDaemon(true);
        }

        void post(int kind, int[] where, int from, int to, int a, int b, int c) {
            this.kind = kind;
            this.where = where;
            this.from = from;
            this.to = to;
            this.a = a;
            this.b = b;
            this.c = c;
            posted = ++seq;
            if (parked) LockSupport.unpark(this);
        }

        void await() {
            for (int spins = 0; finished != seq; spins++) {
                if (spins < SPINS) Thread.onSpinWait();
                else Thread.yield();  // the helper lost its core: let it have ours
            }
            Throwable t = failure;
            if (t != null) throw new IllegalStateException("merge helper failed", t);
        }

        void shutdown() {
            stop = true;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            int done = 0;
            while (true) {
                for (int spins = 0; posted == done; spins++) {
                    if (stop) return;
                    if (spins < SPINS) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (posted == done && !stop) LockSupport.park(this);
                        parked = false;
                        spins = 0;
                    }
                }
                done = posted;
                try {
                    if (kind == REWRITE) rewriteAll(where, from, to, a, b, c, helperDeltas);
                    else BpeMerger.this.finish(helperDeltas);
                } catch (Throwable t) {
                    failure = t;
                }
                finished = done;
            }
        }
    }

    /**
     * Moves each neighbour's summed count from the pair it formed before to the pair it forms with C: (x, A) →
     * (x, C) for left neighbours, (B, x) → (C, x) for right ones. The old pairs' ids come from the pair cells; the
     * new pairs are made here (C is new, so they cannot exist yet).
     */
    private void moveCounts(Deltas d, int a, int c) {
        // the old pairs' counts lie anywhere: read them all first, loads that do not wait for each other
        if (touchCounts(d.left) + touchCounts(d.right) == 42) touched = 42;
        for (int i = 0; i < d.left.touchedCount; i++) {
            int x = d.left.touched[i];
            long v = d.left.sum[x];
            int old = d.left.old[x];
            if (old < 0) {  // x is C itself: its pair (C, A) was made by this merge's right neighbours
                old = rightNew[a];
                if (old < 0) rightNew[a] = old = newPair(c, a);
            }
            addCount(old, -v);
            int q = leftNew[x];
            if (q < 0) leftNew[x] = q = newPair(x, c);
            addCount(q, v);
        }
        for (int i = 0; i < d.right.touchedCount; i++) {
            int x = d.right.touched[i];
            long v = d.right.sum[x];
            addCount(d.right.old[x], -v);
            int q = rightNew[x];
            if (q < 0) rightNew[x] = q = newPair(c, x);
            addCount(q, v);
        }
    }

    /** Sums the counts of the pairs a side's neighbours formed before (a look-ahead read for {@link #moveCounts}). */
    private long touchCounts(Side side) {
        long sum = 0;
        int[] touched = side.touched, old = side.old;
        long[] count = pCount;
        for (int i = 0, n = side.touchedCount; i < n; i++) {
            int p = old[touched[i]];
            if (p >= 0) sum += count[p];
        }
        return sum;
    }

    /**
     * Sets every pair cell the merge changed: (C, x) first, then (x, C), which wins where both apply (a C followed
     * by another C formed later in the same unit).
     */
    private void patchPositions(Deltas d) {
        for (int i = 0; i < d.right.cellCount; i++) arena[d.right.cellPos[i]] = rightNew[d.right.cellX[i]];
        for (int i = 0; i < d.left.cellCount; i++) arena[d.left.cellPos[i]] = leftNew[d.left.cellX[i]];
    }

    /** Adds the units where the new pairs occur to their lists. */
    private void recordWhere(Side side, int[] newIds) {
        int[] xs = side.xs, us = side.us;
        for (int i = 0, n = side.count; i < n; i++) {
            int q = newIds[xs[i]];
            if (live(pCount[q])) (us[i] < boundary ? whereLow : whereHigh).add(q, us[i]);
        }
    }

    private void offerNew(int firstNew) {
        for (int q = firstNew; q < nPairs; q++) if (pCount[q] > 0) offer(pCount[q], q);
    }
}
