package io.winnow.tokenizer.train;

import java.util.Arrays;

/**
 * Every adjacent pair of the units before the first merge: its symbols, count, and the units it occurs in (one
 * array, a range per pair). Pairs with the unknown char are marked invalid and listed nowhere: no piece holds it.
 */
final class InitialPairs {
    int size;
    int[] left, right;
    long[] count;
    /** Units per pair (0 for invalid ones) and where its range of {@link #where} starts. */
    int[] whereSize, whereStart;
    int[] where;
    byte[] invalid;

    /**
     * Numbers the pairs of all parts as part 0 did (new ones after), rewrites the pair cells of the other parts,
     * and lists the units of each pair, every part filling its own slots in parallel.
     *
     * @param partUnits the units of part k are {@code units[partUnits[k], partUnits[k + 1])}
     */
    static InitialPairs join(PairCounter[] parts, int[] arena, int[] units, int[] partUnits, int unknownId)
            throws InterruptedException {
        PairCounter base = parts[0];
        long bound = 0;
        for (PairCounter c : parts) bound += c.size;
        int cap = (int) Math.min(Integer.MAX_VALUE - 16, bound);
        InitialPairs r = new InitialPairs();
        r.left = Arrays.copyOf(base.left, cap);
        r.right = Arrays.copyOf(base.right, cap);
        r.count = new long[cap];
        r.whereSize = new int[cap];
        int n = base.size;
        for (int p = 0; p < n; p++) {
            r.count[p] = base.count(p);
            r.whereSize[p] = base.units(p);
        }
        int[][] ids = new int[parts.length][];  // global id of each pair of part k ≥ 1
        for (int k = 1; k < parts.length; k++) {
            PairCounter c = parts[k];
            int[] id = ids[k] = new int[c.size];
            // the pairs part 0's table knows (so far) are found on all threads; each global id comes up once per
            // part, so the sums have no two writers
            int workers = Parts.count(c.size, parts.length, 1 << 16);
            Parts.run(workers, "bpe-join", t -> {
                int from = Parts.start(c.size, t, workers), to = Parts.start(c.size, t + 1, workers);
                for (int p = from; p < to; p++) {
                    int g = base.table.get(c.left[p], c.right[p]);
                    id[p] = g;
                    if (g >= 0) {
                        r.count[g] += c.count(p);
                        r.whereSize[g] += c.units(p);
                    }
                }
            });
            boolean last = k == parts.length - 1;  // no later part looks the new ones up
            for (int p = 0; p < c.size; p++) {
                if (id[p] >= 0) continue;
                int g = n++;
                if (!last) base.table.put(c.left[p], c.right[p], g);
                r.left[g] = c.left[p];
                r.right[g] = c.right[p];
                id[p] = g;
                r.count[g] = c.count(p);
                r.whereSize[g] = c.units(p);
            }
        }
        r.size = n;
        r.invalid = new byte[n];
        r.whereStart = new int[n + 1];
        for (int p = 0; p < n; p++) {
            if (r.left[p] == unknownId || r.right[p] == unknownId) {
                r.invalid[p] = 1;
                r.whereSize[p] = 0;
            }
            r.whereStart[p + 1] = r.whereStart[p] + r.whereSize[p];
        }
        r.where = new int[r.whereStart[n]];
        // where each part writes its units of a pair: after those of the parts before it
        int[] next = Arrays.copyOf(r.whereStart, n);
        int[][] fill = new int[parts.length][];
        for (int k = 0; k < parts.length; k++) {
            PairCounter c = parts[k];
            int[] f = fill[k] = new int[c.size];
            for (int p = 0; p < c.size; p++) {
                int g = k == 0 ? p : ids[k][p];
                f[p] = next[g];
                if (r.invalid[g] == 0) next[g] += c.units(p);
            }
        }
        Parts.run(parts.length, "bpe-where", k -> {
            PairCounter c = parts[k];
            int[] id = ids[k], f = fill[k], where = r.where;
            byte[] invalid = r.invalid;
            for (int i = partUnits[k]; i < partUnits[k + 1]; i++) {
                int u = units[i];
                for (int cell = u + SymbolUnits.HEADER + 1, e = cell + 2 * arena[u] - 2; cell < e; cell += 2) {
                    int p = arena[cell];
                    int g = id == null ? p : id[p];
                    arena[cell] = g;
                    if (invalid[g] == 0 && c.firstAgain(p, u)) where[f[p]++] = u;
                }
            }
        });
        return r;
    }
}
