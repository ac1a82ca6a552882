package io.winnow.dedup.cluster;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * Union-find over sparse 64-bit document numbers: only documents that were ever joined take
 * memory. Roots are always the lowest number of their set (a union links the higher root under
 * the lower), so the partition and its labels do not depend on the order of unions. Path
 * halving keeps finds short. Not thread-safe.
 */
public final class UnionFind {
    private final Long2LongOpenHashMap parent = new Long2LongOpenHashMap();

    public UnionFind() {
        parent.defaultReturnValue(-1);
    }

    /** The lowest document of x's set (x itself when it was never joined). */
    public long find(long x) {
        long r = x;
        while (true) {
            long p = parent.get(r);
            if (p < 0 || p == r) break;
            r = p;
        }
        long y = x;
        while (y != r) { // compress the path
            long p = parent.get(y);
            parent.put(y, r);
            y = p;
        }
        return r;
    }

    /** Joins the sets of a and b; returns true when they were separate. */
    public boolean union(long a, long b) {
        long ra = find(a);
        long rb = find(b);
        if (!parent.containsKey(a)) parent.put(a, ra);
        if (!parent.containsKey(b)) parent.put(b, rb);
        if (ra == rb) return false;
        parent.put(Math.max(ra, rb), Math.min(ra, rb));
        return true;
    }

    /** Every document that was joined to another, in no particular order. */
    public LongArrayList members() {
        return new LongArrayList(parent.keySet());
    }

    public int size() { return parent.size(); }
}
