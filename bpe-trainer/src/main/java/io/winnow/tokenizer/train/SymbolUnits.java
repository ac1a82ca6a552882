package io.winnow.tokenizer.train;

import io.winnow.tokenizer.text.Utf8;

import java.util.Arrays;

/**
 * The units the merge loop works on: each counted unit as a run of char ids, cut wherever no piece can span
 * ({@link PieceValidator#isWall}), the pieces deduplicated again with summed counts, and runs of a single char
 * dropped (they hold no pair). The merges come out the same, because a merge never crosses a wall, but a CJK
 * sentence between punctuation or a number-laden line stops being one long unit rescanned by every merge that
 * touches it, and repeated phrases are counted once.
 * <p>
 * A unit is named by its offset in one int arena, where it is laid out as {@code length, count (low, high int),
 * symbol ids...}: a merge visiting a unit reads one place in memory, not four arrays.
 */
final class SymbolUnits {
    static final int HEADER = 3;

    /** Units back to back; merges compact each one in place (and lower its length). */
    final int[] arena;
    /** Offset of every unit. */
    final int[] units;

    private SymbolUnits(int[] arena, int[] units) {
        this.arena = arena;
        this.units = units;
    }

    static int length(int[] arena, int u) { return arena[u]; }

    static long count(int[] arena, int u) { return (arena[u + 1] & 0xFFFFFFFFL) | (long) arena[u + 2] << 32; }

    /** Symbols held by all units. */
    long symbols() {
        long n = 0;
        for (int u : units) n += arena[u];
        return n;
    }

    /**
     * @param spaceIsWs a space in a unit stands for U+2581
     * @param charId    char id of each code point (the unknown char's id for the rest)
     * @param charCps   code point of each char id
     */
    static SymbolUnits build(ByteCountMap units, boolean spaceIsWs, int[] charId, int[][] charCps,
                             PieceValidator validator, int threads) throws InterruptedException {
        int[] cls = new int[charCps.length];
        for (int i = 0; i < cls.length; i++) cls[i] = validator.wallClass(charCps[i][0]);
        // ranges of the counted units cut in parallel, then the builders merged into the first
        int parts = Math.max(1, Math.min(threads, units.size() / 10_000));
        Builder[] builders = new Builder[parts];
        Thread[] running = new Thread[parts];
        RuntimeException[] failure = new RuntimeException[1];
        for (int t = 0; t < parts; t++) {
            int from = (int) ((long) units.size() * t / parts), to = (int) ((long) units.size() * (t + 1) / parts);
            int slot = t;
            Runnable job = () -> {
                try {
                    // made by its own thread: its hot fields share no cache line with another builder's
                    Builder b = builders[slot] = new Builder((int) Math.min(Integer.MAX_VALUE - 16, units.totalBytes() / parts + 1024));
                    cut(units, from, to, spaceIsWs, charId, cls, validator, b);
                } catch (RuntimeException e) {
                    synchronized (failure) { failure[0] = e; }
                }
            };
            if (parts == 1) job.run();
            else (running[t] = new Thread(job, "bpe-runs-" + t)).start();
        }
        if (parts > 1) for (Thread t : running) t.join();
        if (failure[0] != null) throw failure[0];
        Builder all = builders[0];
        for (int t = 1; t < parts; t++) {
            Builder b = builders[t];
            builders[t] = null;
            for (int e = 0; e < b.size; e++) {
                int u = b.start[e];
                all.add(b.arena, u + HEADER, u + HEADER + b.arena[u], count(b.arena, u));
            }
        }
        return new SymbolUnits(all.arena, Arrays.copyOf(all.start, all.size));
    }

    private static void cut(ByteCountMap units, int fromUnit, int toUnit, boolean spaceIsWs, int[] charId, int[] cls,
                            PieceValidator validator, Builder b) {
        byte[] text = units.arena();
        int[] cur = new int[256];
        for (int u = fromUnit; u < toUnit; u++) {
            int end = units.offset(u) + units.length(u);
            if (cur.length < units.length(u)) cur = new int[units.length(u)];
            int n = 0;
            for (int p = units.offset(u); p < end; ) {
                int d = Utf8.decode(text, p, end);
                p += Utf8.len(d);
                int c = Utf8.cp(d);
                cur[n++] = charId[c == ' ' && spaceIsWs ? PieceValidator.WS : c];
            }
            long cnt = units.count(u);
            int from = 0;
            for (int i = 1; i < n; i++) {
                if (validator.isWallBetween(cls[cur[i - 1]], cls[cur[i]])) {
                    b.add(cur, from, i, cnt);
                    from = i;
                }
            }
            b.add(cur, from, n, cnt);
        }
    }

    /** Distinct runs in an arena with an open-addressing index. */
    private static final class Builder {
        int[] arena;
        int used;
        int[] start = new int[1 << 16], hash = new int[1 << 16];
        int size;
        long[] table = new long[1 << 17];  // HashSlots
        // run index + 1 by hash bits: repeated runs ("▁the" of "▁the," "▁the." ...) are found without a table miss
        final int[] recent = new int[1 << RECENT_BITS];
        private static final int RECENT_BITS = 16;

        Builder(int capacity) { arena = new int[capacity]; }

        void add(int[] s, int from, int to, long cnt) {
            int n = to - from;
            if (n < 2) return;
            int h = 0x9E3779B9 ^ n;
            for (int i = from; i < to; i++) h = (h ^ s[i]) * 0x01000193;
            h = HashSlots.finish(h);
            int r = h >>> (32 - RECENT_BITS);
            int last = recent[r] - 1;
            if (last >= 0 && hash[last] == h && same(start[last], s, from, to)) {
                addCount(start[last], cnt);
                return;
            }
            int mask = table.length - 1;
            for (int slot = h & mask; ; slot = (slot + 1) & mask) {
                long v = table[slot];
                if (v == 0) {
                    if (size == start.length) {
                        start = Arrays.copyOf(start, size * 2);
                        hash = Arrays.copyOf(hash, size * 2);
                    }
                    if ((long) used + HEADER + n > arena.length) {
                        long c = Math.min(Integer.MAX_VALUE - 16, Math.max((long) used + HEADER + n, arena.length + (arena.length >> 1)));
                        if (c < (long) used + HEADER + n) {
                            throw new IllegalArgumentException("input too large for one training run; use --input_sentence_size");
                        }
                        arena = Arrays.copyOf(arena, (int) c);
                    }
                    arena[used] = n;
                    arena[used + 1] = (int) cnt;
                    arena[used + 2] = (int) (cnt >>> 32);
                    System.arraycopy(s, from, arena, used + HEADER, n);
                    start[size] = used;
                    hash[size] = h;
                    used += HEADER + n;
                    table[slot] = (long) h << 32 | ++size;
                    recent[r] = size;
                    if (size * 2 > table.length) rehash();
                    return;
                }
                int e = (int) v - 1;
                if ((int) (v >>> 32) == h && same(start[e], s, from, to)) {
                    addCount(start[e], cnt);
                    recent[r] = e + 1;
                    return;
                }
            }
        }

        private boolean same(int u, int[] s, int from, int to) {
            int n = to - from;
            return arena[u] == n && Arrays.equals(arena, u + HEADER, u + HEADER + n, s, from, to);
        }

        private void addCount(int u, long cnt) {
            long c = count(arena, u) + cnt;
            arena[u + 1] = (int) c;
            arena[u + 2] = (int) (c >>> 32);
        }

        private void rehash() {
            table = HashSlots.grown(table, hash, size);
        }
    }
}
