package io.winnow.tokenizer.train;

import io.winnow.tokenizer.text.Utf8;

import java.util.Arrays;

/**
 * The units the merge loop works on: each counted unit as a run of char ids, cut wherever no piece can span
 * ({@link PieceValidator#isWall}), the pieces deduplicated again with summed counts, and runs of a single char
 * dropped (they hold no pair). The merges come out the same, because a merge never crosses a wall, but a CJK
 * sentence between punctuation or a number-laden line stops being one long unit rescanned by every merge that
 * touches it, and repeated phrases are counted once.
 */
final class SymbolUnits {
    /** Char ids of all runs back to back; merges compact each run in place. */
    final int[] arena;
    final int[] start, len;
    final long[] count;
    final int size;

    private SymbolUnits(int[] arena, int[] start, int[] len, long[] count, int size) {
        this.arena = arena;
        this.start = start;
        this.len = len;
        this.count = count;
        this.size = size;
    }

    /**
     * @param charId  char id of each code point (the unknown char's id for the rest)
     * @param charCps code point of each char id
     */
    static SymbolUnits build(ByteCountMap units, int[] charId, int[][] charCps, PieceValidator validator) {
        long totalLen = units.totalBytes();  // bytes ≥ code points
        if (totalLen > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("input too large for one training run; use --input_sentence_size");
        }
        Builder b = new Builder((int) totalLen);
        byte[] text = units.arena();
        int[] cls = new int[charCps.length];
        for (int i = 0; i < cls.length; i++) cls[i] = validator.wallClass(charCps[i][0]);
        int[] cur = new int[256];
        for (int u = 0; u < units.size(); u++) {
            int end = units.offset(u) + units.length(u);
            if (cur.length < units.length(u)) cur = new int[units.length(u)];
            int n = 0;
            for (int p = units.offset(u); p < end; ) {
                int d = Utf8.decode(text, p, end);
                p += Utf8.len(d);
                cur[n++] = charId[Utf8.cp(d)];
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
        return new SymbolUnits(b.arena, Arrays.copyOf(b.start, b.size), Arrays.copyOf(b.len, b.size),
                Arrays.copyOf(b.count, b.size), b.size);
    }

    /** Distinct runs in an arena with an open-addressing index. */
    private static final class Builder {
        final int[] arena;
        int used;
        int[] start = new int[1 << 16], len = new int[1 << 16], hash = new int[1 << 16];
        long[] count = new long[1 << 16];
        int size;
        long[] table = new long[1 << 17];  // hash << 32 | run index + 1; 0 = empty

        Builder(int capacity) { arena = new int[capacity]; }

        void add(int[] s, int from, int to, long cnt) {
            int n = to - from;
            if (n < 2) return;
            int h = 0x9E3779B9 ^ n;
            for (int i = from; i < to; i++) h = (h ^ s[i]) * 0x01000193;
            h ^= h >>> 15;
            int mask = table.length - 1;
            for (int slot = h & mask; ; slot = (slot + 1) & mask) {
                long v = table[slot];
                if (v == 0) {
                    if (size == start.length) grow();
                    System.arraycopy(s, from, arena, used, n);
                    start[size] = used;
                    len[size] = n;
                    hash[size] = h;
                    count[size] = cnt;
                    used += n;
                    table[slot] = (long) h << 32 | ++size;
                    if (size * 2 > table.length) rehash();
                    return;
                }
                int e = (int) v - 1;
                if ((int) (v >>> 32) == h && len[e] == n && Arrays.equals(arena, start[e], start[e] + n, s, from, to)) {
                    count[e] += cnt;
                    return;
                }
            }
        }

        private void grow() {
            int c = size * 2;
            start = Arrays.copyOf(start, c);
            len = Arrays.copyOf(len, c);
            hash = Arrays.copyOf(hash, c);
            count = Arrays.copyOf(count, c);
        }

        private void rehash() {
            long[] t = new long[table.length * 2];
            int m = t.length - 1;
            for (int e = 0; e < size; e++) {
                int slot = hash[e] & m;
                while (t[slot] != 0) slot = (slot + 1) & m;
                t[slot] = (long) hash[e] << 32 | (e + 1);
            }
            table = t;
        }
    }
}
