package io.winnow.tokenizer.train;

import java.util.Arrays;

/** A byte-string hash key; a mutable instance serves as an allocation-free lookup probe. */
final class ByteSeq {
    byte[] data;
    int off, len, hash;

    ByteSeq set(byte[] d, int o, int l) {
        data = d; off = o; len = l;
        int h = 1;
        for (int i = o, e = o + l; i < e; i++) h = 31 * h + d[i];
        hash = h;
        return this;
    }

    ByteSeq copy() {
        ByteSeq c = new ByteSeq();
        c.data = Arrays.copyOfRange(data, off, off + len);
        c.off = 0;
        c.len = len;
        c.hash = hash;
        return c;
    }

    byte[] bytes() { return off == 0 && len == data.length ? data : Arrays.copyOfRange(data, off, off + len); }

    @Override
    public int hashCode() { return hash; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ByteSeq b) || b.len != len || b.hash != hash) return false;
        return Arrays.equals(data, off, off + len, b.data, b.off, b.off + len);
    }
}
