package io.winnow.tokenizer.text;

import java.util.Arrays;

/** A growable byte array, reused per thread to keep the hot loops allocation-free. */
public final class ByteBuf {
    public byte[] data;
    public int size;

    public ByteBuf(int capacity) { data = new byte[Math.max(16, capacity)]; }

    public void clear() { size = 0; }

    public void ensure(int extra) {
        if (size + extra > data.length) data = Arrays.copyOf(data, Math.max(data.length * 2, size + extra));
    }

    public void add(byte b) {
        ensure(1);
        data[size++] = b;
    }

    public void add(byte[] s, int off, int len) {
        ensure(len);
        System.arraycopy(s, off, data, size, len);
        size += len;
    }

    public boolean endsWith(byte[] suffix) {
        if (size < suffix.length) return false;
        for (int i = 0; i < suffix.length; i++) if (data[size - suffix.length + i] != suffix[i]) return false;
        return true;
    }

    public byte[] toArray() { return Arrays.copyOf(data, size); }
}
