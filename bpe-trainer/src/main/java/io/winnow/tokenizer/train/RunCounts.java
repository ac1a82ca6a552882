package io.winnow.tokenizer.train;

/**
 * One counting thread's distinct runs, split by hash into as many {@link ByteCountMap}s as there are threads: the
 * same run lands in the same part in every thread, so part k of all threads is merged by thread k, in parallel.
 */
final class RunCounts {
    final ByteCountMap[] parts;

    RunCounts(int parts) { this(parts, 0); }

    /** @param expectedPerPart short runs each part makes room for at first (a guess) */
    RunCounts(int parts, int expectedPerPart) {
        this.parts = new ByteCountMap[parts];
        for (int k = 0; k < parts; k++) this.parts[k] = new ByteCountMap(expectedPerPart);
    }

    /** The part of a hash: its high bits (the tables' slots use the low ones). */
    private ByteCountMap part(int h) {
        return parts[(int) (((h >>> 8) & 0xFFFFFFL) * parts.length >>> 24)];
    }

    /** Adds n to the run {@code s[off, off + len)} (non-empty, no NUL byte). */
    void add(byte[] s, int off, int len, long n) {
        if (len > ByteCountMap.INLINE) {
            int h = ByteCountMap.hash(s, off, len);
            part(h).add(s, off, len, h, n);
            return;
        }
        long k0, k1;
        if (off + ByteCountMap.INLINE <= s.length) {
            k0 = (long) ByteCountMap.LONG.get(s, off);
            k1 = (long) ByteCountMap.LONG.get(s, off + 8);
            if (len < 8) {
                k0 &= (1L << (len << 3)) - 1;
                k1 = 0;
            } else if (len < 16) {
                k1 &= (1L << ((len - 8) << 3)) - 1;
            }
        } else {
            k0 = k1 = 0;
            for (int i = len - 1; i >= 0; i--) {
                if (i < 8) k0 = k0 << 8 | (s[off + i] & 0xFF);
                else k1 = k1 << 8 | (s[off + i] & 0xFF);
            }
        }
        int h = ByteCountMap.inlineHash(k0, k1);
        if (len <= 8) part(h).addSmall(k0, h, n);
        else part(h).addInline(k0, k1, h, n);
    }

    /**
     * Merges the counts of several threads, part by part in parallel, and seals the result: part k of the first
     * holds part k of all. {@code then} runs on each part right after, on the same thread (its data is still near).
     */
    static ByteCountMap[] merge(RunCounts[] all, Sealed then) throws InterruptedException {
        int n = all[0].parts.length;
        ByteCountMap[] out = new ByteCountMap[n];
        Parts.run(n, "bpe-merge-counts", k -> {
            // into the largest of the k-th parts
            ByteCountMap into = all[0].parts[k];
            for (RunCounts r : all) if (r.parts[k].size() > into.size()) into = r.parts[k];
            for (RunCounts r : all) if (r.parts[k] != into) into.addAll(r.parts[k]);
            into.seal();
            out[k] = into;
            then.accept(k, into);
        });
        return out;
    }

    /** Work on part k once it is merged and sealed, on the thread that merged it. */
    interface Sealed {
        void accept(int k, ByteCountMap part);
    }
}
