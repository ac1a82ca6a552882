package io.winnow.dedup.shingle;

import java.util.Arrays;

/** A growable array of longs reused across documents, so shingling allocates nothing per shingle. */
public final class LongBuffer {
    private long[] a;
    private int size;

    public LongBuffer(int capacity) {
        a = new long[Math.max(16, capacity)];
    }

    public void clear() { size = 0; }

    public int size() { return size; }

    public long[] array() { return a; }

    public long get(int i) { return a[i]; }

    public void add(long v) {
        if (size == a.length) a = Arrays.copyOf(a, a.length * 2);
        a[size++] = v;
    }

    /** Sorts the values and removes repeats; returns the new size. */
    public int sortUnique() {
        if (size < 2) return size;
        Arrays.sort(a, 0, size);
        int w = 1;
        for (int i = 1; i < size; i++) if (a[i] != a[w - 1]) a[w++] = a[i];
        size = w;
        return size;
    }

    public long[] toArray() { return Arrays.copyOf(a, size); }
}
