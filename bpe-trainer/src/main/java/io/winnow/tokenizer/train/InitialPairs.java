package io.winnow.tokenizer.train;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

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
    /** Valid pairs by the bit length of their count: {@code byLog[k]} have a count in [2^k, 2^(k+1)). */
    final long[] byLog = new long[64];

    /**
     * Counts the pairs the parts recorded: bucket by bucket on all threads (each bucket's pairs in a table of its
     * own), numbers them bucket after bucket, sets every pair cell part by part (walking the part's units in
     * order: writes front to back, not scattered over the arena), then, again bucket by bucket on all threads,
     * writes the pairs and the units of each pair.
     *
     * @param units     arena offset of every unit; part k's are {@code units[partUnits[k], partUnits[k + 1])}, in
     *                  the order their pairs were recorded
     */
    static InitialPairs count(PairRecords[] parts, int[] arena, int[] units, int[] partUnits, int unknownId, int threads)
            throws InterruptedException {
        int buckets = PairRecords.BUCKETS;
        BucketCount[] counted = new BucketCount[buckets];
        AtomicInteger next = new AtomicInteger();
        Parts.run(threads, "bpe-pairs", t -> {
            long[][] table = new long[1][];  // each thread's lookup table, cleared and reused bucket after bucket
            for (int b; (b = next.getAndIncrement()) < buckets; ) counted[b] = BucketCount.of(parts, b, unknownId, arena, table);
        });
        // where each bucket's pairs and unit lists start: the buckets are numbered one after the other
        int[] base = new int[buckets + 1];
        long[] listBase = new long[buckets + 1];
        for (int b = 0; b < buckets; b++) {
            long n = (long) base[b] + counted[b].size;
            if (n > Integer.MAX_VALUE / 2) throw tooLarge("distinct pairs");
            base[b + 1] = (int) n;
            listBase[b + 1] = listBase[b] + counted[b].listed;
            if (listBase[b + 1] > Integer.MAX_VALUE - 16) throw tooLarge("pair occurrences");
        }
        int n = base[buckets];
        InitialPairs r = new InitialPairs();
        int cap = n + (n >> 1) + 16;  // room for the pairs merges make (the merger grows past it)
        r.size = n;
        // the pair cells, part by part: a part's records of one bucket follow its units' order. The pairs' arrays
        // (~100 MB on tok_large, 0.1 s of zeroing and page faults) are made by the same threads first, half each,
        // instead of by one thread before them
        int last = parts.length - 1;
        Parts.run(parts.length, "bpe-cells", k -> {
            if (k == 0) {
                r.left = new int[cap];
                r.right = new int[cap];
                r.count = new long[cap];
            }
            if (k == last) {
                r.whereSize = new int[cap];
                r.invalid = new byte[n];
                r.whereStart = new int[n + 1];
                r.whereStart[n] = (int) listBase[buckets];
                r.where = new int[(int) listBase[buckets]];
            }
            setCells(parts[k], arena, units, partUnits[k], partUnits[k + 1], base);
        });
        // then every bucket, on all threads: its pairs, their unit lists' starts and the lists
        next.set(0);
        long[][] byLog = new long[threads][64];
        Parts.run(threads, "bpe-where", t -> {
            for (int b; (b = next.getAndIncrement()) < buckets; ) {
                counted[b].copyTo(r, base[b], (int) listBase[b], byLog[t]);
                counted[b].place(parts, b, base[b], r);
            }
        });
        for (long[] part : byLog) for (int k = 0; k < 64; k++) r.byLog[k] += part[k];
        return r;
    }

    /** Sets the pair cell of every pair of the units {@code units[from, to)} from the numbers counting wrote. */
    private static void setCells(PairRecords part, int[] arena, int[] units, int from, int to, int[] base) {
        int[] cursor = new int[PairRecords.BUCKETS];
        long[][] data = part.data;
        for (int j = from; j < to; j++) {
            int u = units[j];
            for (int i = u + SymbolUnits.HEADER + 2, end = u + SymbolUnits.HEADER + 2 * arena[u]; i < end; i += 2) {
                int b = PairRecords.bucket(PairRecords.key(arena[i - 2], arena[i]));
                arena[i - 1] = base[b] + (int) data[b][cursor[b]++];
            }
        }
    }

    private static IllegalArgumentException tooLarge(String what) {
        return new IllegalArgumentException("too many " + what + " for one training run; use --input_sentence_size");
    }

    /** The distinct pairs of one bucket, numbered in order of first sight, with their counts and unit tallies. */
    private static final class BucketCount {
        int size;
        /** Units listed for the bucket's valid pairs, all together. */
        long listed;
        long[] key, count;
        int[] units;
        /** The last unit seen + 1 while counting; minus (unit + 1) while listing. */
        int[] last;
        boolean[] invalid;
        private long[] slots;  // key + 1 (0 = empty) and id + 1, side by side
        private int mask;

        /**
         * @param records the bucket's pair occurrences: its distinct pairs are a fraction of them
         * @param table   a lookup table to clear and reuse if it is large enough (or null)
         */
        BucketCount(long records, long[] table) {
            // one pair in eight occurrences (tok_large: one in six or seven), so most buckets never grow (growing
            // from small tables allocated twice the memory they ended with)
            int cap = Integer.highestOneBit((int) Math.min(1 << 24, Math.max(1 << 10, records / 8)) - 1) << 1;
            key = new long[cap];
            count = new long[cap];
            units = new int[cap];
            last = new int[cap];
            invalid = new boolean[cap];
            if (table != null && table.length >= 4 * cap) {
                Arrays.fill(table, 0, 4 * cap, 0);
                slots = table;
            } else {
                slots = new long[4 * cap];
            }
            mask = 2 * cap - 1;
        }

        /**
         * Counts bucket b. {@code table[0]} is the thread's lookup table: reused from bucket to bucket (made for each,
         * the tables were 64 MB on tok_large, zeroed, faulted in and copied by the collector), left there for the next.
         */
        static BucketCount of(PairRecords[] parts, int b, int unknownId, int[] arena, long[][] table) {
            long records = 0;
            for (PairRecords part : parts) records += part.size[b];
            BucketCount c = new BucketCount(records, table[0]);
            for (PairRecords part : parts) {
                long[] d = part.data[b];
                int[] units = part.unit[b];
                for (int i = 0, end = part.size[b]; i < end; i++) {
                    int id = c.id(d[i] & PairRecords.KEY_MASK, unknownId);
                    int unit = units[i];
                    long n = d[i] >>> (2 * PairRecords.ID_BITS);
                    c.count[id] += n != PairRecords.LARGE ? n : SymbolUnits.count(arena, unit);
                    if (c.last[id] != unit + 1) {
                        c.last[id] = unit + 1;
                        c.units[id]++;
                        if (!c.invalid[id]) c.listed++;
                    }
                    d[i] = id;  // the key is not needed again: the cells get the id
                }
            }
            table[0] = c.slots;
            c.slots = null;
            return c;
        }

        private int id(long key, int unknownId) {
            long k = key + 1;
            int s = slot(k);
            while (true) {
                long have = slots[2 * s];
                if (have == k) return (int) slots[2 * s + 1];
                if (have == 0) break;
                s = (s + 1) & mask;
            }
            int id = size++;
            if (id == this.key.length) {
                int cap = id * 2;
                this.key = Arrays.copyOf(this.key, cap);
                count = Arrays.copyOf(count, cap);
                units = Arrays.copyOf(units, cap);
                last = Arrays.copyOf(last, cap);
                invalid = Arrays.copyOf(invalid, cap);
            }
            this.key[id] = key;
            invalid[id] = PairRecords.left(key) == unknownId || PairRecords.right(key) == unknownId;
            slots[2 * s] = k;
            slots[2 * s + 1] = id;
            if (size * 2 > mask + 1) grow();
            return id;
        }

        private int slot(long k) {
            long h = k * 0xC2B2AE3D27D4EB4FL;
            return (int) (h ^ (h >>> 31)) & mask;
        }

        private void grow() {
            long[] old = slots;
            int used = 2 * (mask + 1);  // a reused table may be longer: the rest is another bucket's
            mask = mask * 2 + 1;
            slots = new long[2 * (mask + 1)];
            for (int i = 0; i < used; i += 2) {
                if (old[i] == 0) continue;
                int s = slot(old[i]);
                while (slots[2 * s] != 0) s = (s + 1) & mask;
                slots[2 * s] = old[i];
                slots[2 * s + 1] = old[i + 1];
            }
        }

        /**
         * Writes the bucket's pairs at {@code base} on, their unit lists from {@code listStart} on, and adds its
         * valid pairs to the count histogram {@code byLog}.
         */
        void copyTo(InitialPairs r, int base, int listStart, long[] byLog) {
            int at = listStart;
            for (int id = 0; id < size; id++) {
                int g = base + id;
                r.left[g] = PairRecords.left(key[id]);
                r.right[g] = PairRecords.right(key[id]);
                r.count[g] = count[id];
                r.whereStart[g] = at;
                if (invalid[id]) {
                    r.invalid[g] = 1;
                } else {
                    r.whereSize[g] = units[id];
                    at += units[id];
                    if (count[id] > 0) byLog[63 - Long.numberOfLeadingZeros(count[id])]++;
                }
            }
        }

        /** Lists each valid pair's units, once each. */
        void place(PairRecords[] parts, int b, int base, InitialPairs r) {
            int[] fill = new int[size];
            for (int id = 0; id < size; id++) fill[id] = r.whereStart[base + id];
            int[] where = r.where;
            for (PairRecords part : parts) {
                long[] d = part.data[b];
                int[] units = part.unit[b];
                for (int i = 0, end = part.size[b]; i < end; i++) {
                    int id = (int) d[i];
                    int unit = units[i];
                    if (!invalid[id] && last[id] != -(unit + 1)) {
                        last[id] = -(unit + 1);
                        where[fill[id]++] = unit;
                    }
                }
                part.data[b] = null;  // read for the last time
                part.unit[b] = null;
            }
        }
    }
}
