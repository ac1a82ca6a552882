package io.winnow.tokenizer.train;

import io.winnow.tokenizer.text.Utf8;

/**
 * The units the merge loop works on, and the count of every adjacent pair in them. Each counted run becomes a unit
 * of char ids in one int arena, laid out as {@code length, count (low, high int)}, then per symbol two cells: its id
 * and the id of the pair it starts with the next symbol. A merge visiting a unit reads one place in memory.
 * <p>
 * Built in parallel parts: each part writes the units of its runs and records their pairs as it goes, sorted into
 * buckets by pair ({@link PairRecords}); {@link InitialPairs#count} then counts and numbers them bucket by bucket
 * and sets the pair cells.
 */
final class SymbolUnits {
    static final int HEADER = 3;

    /** Units back to back; merges compact each one in place (and lower its length). */
    final int[] arena;
    /** Offset of every unit. */
    final int[] units;
    final InitialPairs pairs;
    /** Arena offset of each part's first unit, and the arena's end: the parts' units lie in order, part by part. */
    final long[] partStart;

    private SymbolUnits(int[] arena, int[] units, InitialPairs pairs, long[] partStart) {
        this.arena = arena;
        this.units = units;
        this.pairs = pairs;
        this.partStart = partStart;
    }

    static long count(int[] arena, int u) { return (arena[u + 1] & 0xFFFFFFFFL) | (long) arena[u + 2] << 32; }

    /**
     * The arena's size for these runs. The trainer has another thread make it (zeroing 134 MB took 65 ms on
     * tok_large) while it picks the alphabet.
     */
    static int arenaCells(ByteCountMap[] runs, long[] runChars) {
        long cells = 0;
        for (int k = 0; k < runs.length; k++) cells += (long) HEADER * runs[k].size() + 2 * runChars[k];
        if (cells > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("input too large for one training run; use --input_sentence_size");
        }
        return (int) cells;
    }

    /**
     * @param runs       distinct runs of ≥ 2 chars, none crossing a wall, in parts (one thread each); each part is
     *                   dropped from the array once its units are laid out, so that the maps (60 MB on tok_large) do
     *                   not live through the pair count's collections
     * @param runChars   the chars the runs of each part hold
     * @param spaceIsWs  a space in a run stands for U+2581
     * @param charId     char id of each code point ({@code unknownId} for chars outside the alphabet); with
     *                   {@code spaceIsWs} its entry for a space is set to U+2581's
     * @param unknownId  the id of the unknown char: pairs with it are invalid
     * @param arena      a zeroed array of {@link #arenaCells} cells
     */
    static SymbolUnits build(ByteCountMap[] runs, long[] runChars, boolean spaceIsWs, int[] charId, int unknownId,
                             int[] arena) throws InterruptedException {
        int parts = runs.length;
        int[] partUnits = new int[parts + 1];  // the units of part k are units[partUnits[k], partUnits[k + 1])
        for (int k = 0; k < parts; k++) partUnits[k + 1] = partUnits[k] + runs[k].size();
        long[] first = new long[parts + 1];  // first arena cell of each part
        for (int k = 0; k < parts; k++) first[k + 1] = (long) HEADER * runs[k].size() + 2 * runChars[k];
        for (int k = 0; k < parts; k++) first[k + 1] += first[k];
        if (arena.length != first[parts]) throw new IllegalArgumentException("arena of " + arena.length + " cells, not " + first[parts]);
        int[] units = new int[partUnits[parts]];
        PairRecords[] records = new PairRecords[parts];
        // a space in a run stands for U+2581 (spaceIsWs) or is not there: its id, with no test per char
        if (spaceIsWs) charId[' '] = charId[PieceValidator.WS];
        Parts.run(parts, "bpe-units", k -> {
            ByteCountMap part = runs[k];
            // made by its own thread, in its own memory; every run of n chars holds n - 1 pairs
            PairRecords pairs = records[k] = new PairRecords(runChars[k] - part.size());
            byte[] text = part.arena();
            int u = (int) first[k];
            int[] order = byCountDescending(part);
            int sink = 0;
            for (int rank = 0, at = partUnits[k]; rank < order.length; rank++, at++) {
                // taken in count order, the entries lie anywhere in the part: read the next group's first, loads
                // that do not wait for each other (a miss or two each), before their turn
                if ((rank & (GROUP - 1)) == 0) sink += touch(part, text, order, rank + GROUP);
                int e = order[rank];
                units[at] = u;
                long cnt = part.count(e);
                arena[u + 1] = (int) cnt;
                arena[u + 2] = (int) (cnt >>> 32);
                int w = u + HEADER;
                // ASCII without a call (C1, which compiles the training run, does not inline the decoder)
                for (int p = part.offset(e), stop = p + part.length(e); p < stop; ) {
                    int x = text[p], c;
                    if (x >= 0) {
                        c = x;
                        p++;
                    } else {
                        int d = Utf8.decodeWellFormed(text, p);
                        p += Utf8.len(d);
                        c = Utf8.cp(d);
                    }
                    arena[w] = charId[c];
                    w += 2;
                }
                arena[u] = (w - u - HEADER) / 2;
                pairs.addUnit(arena, u, PairRecords.countBits(cnt));
                u = w;
            }
            runs[k] = null;
            if (sink == 42) touched = sink;
        });
        InitialPairs pairs = InitialPairs.count(records, arena, units, partUnits, unknownId, parts);
        return new SymbolUnits(arena, units, pairs, first);
    }

    /** Entries {@link #build} reads ahead at a time. */
    private static final int GROUP = 16;
    /** Sink for the look-ahead reads (so the JIT keeps them). */
    @SuppressWarnings("unused")
    private static volatile int touched;

    /** Reads the count and first byte of the entries {@code order[from, from + GROUP)} (a look-ahead for build). */
    private static int touch(ByteCountMap part, byte[] text, int[] order, int from) {
        int sink = 0;
        for (int r = from, end = Math.min(order.length, from + GROUP); r < end; r++) {
            int e = order[r];
            sink += (int) part.count(e) + text[part.offset(e)];
        }
        return sink;
    }

    /**
     * The entries of a part, the most frequent first (by powers of two): the units most merges visit then lie
     * together at the start of the part's arena, where they stay in the CPU cache.
     */
    private static int[] byCountDescending(ByteCountMap part) {
        int[] start = new int[65];
        for (int e = 0; e < part.size(); e++) start[Long.numberOfLeadingZeros(part.count(e)) + 1]++;
        for (int b = 0; b < 64; b++) start[b + 1] += start[b];
        int[] order = new int[part.size()];
        for (int e = 0; e < part.size(); e++) order[start[Long.numberOfLeadingZeros(part.count(e))]++] = e;
        return order;
    }
}
