package io.winnow.tokenizer.text;

import io.winnow.tokenizer.model.NormalizerSpec;

import java.util.Collection;
import java.util.List;

/**
 * SentencePiece's normalizer: per prefix, a user-defined symbol is kept as is, else the longest char-map rule
 * applies (none for {@code identity}), else one UTF-8 char is copied and a malformed byte becomes U+FFFD. Then
 * extra spaces are optionally removed, a dummy-prefix space optionally added, and spaces escaped to U+2581.
 * Thread-safe; callers pass their own output buffer.
 */
public final class Normalizer {
    public static final byte[] SPACE_SYMBOL = {(byte) 0xE2, (byte) 0x96, (byte) 0x81};  // U+2581
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};  // U+FFFD

    private final CharsMap charsMap;
    private final PrefixMatcher userDefined;
    private final boolean addDummyPrefix, removeExtraWhitespaces, escapeWhitespaces, treatWhitespaceAsSuffix;

    public Normalizer(NormalizerSpec spec, boolean treatWhitespaceAsSuffix, Collection<String> userDefinedSymbols) {
        byte[] blob = spec.precompiledCharsmap();
        this.charsMap = blob.length == 0 ? null : new CharsMap(blob);
        this.userDefined = new PrefixMatcher(userDefinedSymbols);
        this.addDummyPrefix = spec.addDummyPrefix();
        this.removeExtraWhitespaces = spec.removeExtraWhitespaces();
        this.escapeWhitespaces = spec.escapeWhitespaces();
        this.treatWhitespaceAsSuffix = treatWhitespaceAsSuffix;
        this.plain = charsMap == null && userDefined.isEmpty() && !addDummyPrefix && !removeExtraWhitespaces;
    }

    private final boolean plain;

    /**
     * True if normalizing only escapes spaces to U+2581 and replaces malformed bytes by U+FFFD (identity rule, no
     * whitespace options, no user symbols).
     */
    public boolean isPlain() { return plain; }

    public boolean escapesWhitespace() { return escapeWhitespaces; }

    public Normalizer(NormalizerSpec spec, boolean treatWhitespaceAsSuffix) {
        this(spec, treatWhitespaceAsSuffix, List.of());
    }

    /** Normalizes {@code in[from, to)} into {@code out} (cleared first). */
    public void normalize(byte[] in, int from, int to, ByteBuf out) {
        out.clear();
        if (plain) {
            normalizePlain(in, from, to, out);
            return;
        }
        Prefix p = new Prefix();
        int pos = from;
        if (removeExtraWhitespaces) {
            while (pos < to) {
                prefix(in, pos, to, p, out);
                if (!(p.len == 1 && p.src[p.off] == ' ')) break;
                pos += p.consumed;
            }
        }
        if (pos >= to) return;
        if (!treatWhitespaceAsSuffix && addDummyPrefix) addSpace(out);
        boolean prevSpace = removeExtraWhitespaces;
        while (pos < to) {
            prefix(in, pos, to, p, out);
            int off = p.off, len = p.len;
            if (prevSpace) {
                while (len > 0 && p.src[off] == ' ') { off++; len--; }
            }
            if (len > 0) {
                for (int n = 0; n < len; n++) {
                    byte b = p.src[off + n];
                    if (escapeWhitespaces && b == ' ') out.add(SPACE_SYMBOL, 0, 3);
                    else out.add(b);
                }
                prevSpace = p.src[off + len - 1] == ' ';
            }
            pos += p.consumed;
            if (!removeExtraWhitespaces) prevSpace = false;
        }
        if (removeExtraWhitespaces) {
            byte[] space = escapeWhitespaces ? SPACE_SYMBOL : new byte[]{' '};
            while (out.endsWith(space)) out.size -= space.length;
        }
        if (treatWhitespaceAsSuffix && addDummyPrefix) addSpace(out);
    }

    /**
     * The identity rule without whitespace options or user symbols (the Baichuan recipe): copy, escape spaces,
     * replace each malformed byte by U+FFFD. ASCII goes byte by byte, only multi-byte sequences are decoded.
     */
    private void normalizePlain(byte[] in, int from, int to, ByteBuf out) {
        out.ensure((to - from) * 3);
        byte[] o = out.data;
        int n = 0;
        for (int p = from; p < to; ) {
            byte b = in[p];
            if (b >= 0) {
                if (b == ' ' && escapeWhitespaces) {
                    o[n++] = SPACE_SYMBOL[0];
                    o[n++] = SPACE_SYMBOL[1];
                    o[n++] = SPACE_SYMBOL[2];
                } else {
                    o[n++] = b;
                }
                p++;
                continue;
            }
            int d = Utf8.decode(in, p, to);
            int len = Utf8.len(d);
            if (Utf8.cp(d) == Utf8.ERROR && len != 3) {
                o[n++] = REPLACEMENT[0];
                o[n++] = REPLACEMENT[1];
                o[n++] = REPLACEMENT[2];
                p += 1;
            } else {
                for (int k = 0; k < len; k++) o[n++] = in[p + k];
                p += len;
            }
        }
        out.size = n;
    }

    public byte[] normalize(byte[] in) {
        ByteBuf out = new ByteBuf(in.length + 8);
        normalize(in, 0, in.length, out);
        return out.toArray();
    }

    private void addSpace(ByteBuf out) {
        if (escapeWhitespaces) out.add(SPACE_SYMBOL, 0, 3);
        else out.add((byte) ' ');
    }

    private static final class Prefix {
        byte[] src;
        int off, len, consumed;
        final ByteBuf scratch = new ByteBuf(64);
    }

    private void prefix(byte[] in, int pos, int end, Prefix p, ByteBuf out) {
        int m = userDefined.match(in, pos, end);
        if (m > 0) {
            p.src = in; p.off = pos; p.len = m; p.consumed = m;
            return;
        }
        if (charsMap != null) {
            long hit = charsMap.longestMatch(in, pos, end);
            if (hit != 0) {
                p.scratch.clear();
                charsMap.appendReplacement((int) (hit >>> 8), p.scratch);
                p.src = p.scratch.data; p.off = 0; p.len = p.scratch.size; p.consumed = (int) (hit & 0xFF);
                return;
            }
        }
        int d = Utf8.decode(in, pos, end);
        if (Utf8.cp(d) == Utf8.ERROR && Utf8.len(d) != 3) {
            p.src = REPLACEMENT; p.off = 0; p.len = 3; p.consumed = 1;
        } else {
            p.src = in; p.off = pos; p.len = Utf8.len(d); p.consumed = Utf8.len(d);
        }
    }
}
