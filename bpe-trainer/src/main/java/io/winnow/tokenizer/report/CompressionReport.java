package io.winnow.tokenizer.report;

import io.winnow.tokenizer.encode.BpeEncoder;
import io.winnow.tokenizer.text.UnicodeScripts;
import io.winnow.tokenizer.text.Utf8;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.util.Map;
import java.util.TreeMap;

/**
 * Token counts of one model over text, in total and per group (a language label, or the dominant script of each
 * line). Compression rate = tokens ÷ Unicode characters (lower is better); also tokens per UTF-8 byte and bytes
 * per token.
 */
public final class CompressionReport {
    /** Totals of one group. */
    public static final class Totals {
        public long lines, chars, bytes, tokens, byteFallbackTokens, unkTokens;

        void add(Totals t) {
            lines += t.lines; chars += t.chars; bytes += t.bytes; tokens += t.tokens;
            byteFallbackTokens += t.byteFallbackTokens; unkTokens += t.unkTokens;
        }

        public double compressionRate() { return chars == 0 ? 0 : tokens / (double) chars; }
        public double tokensPerByte() { return bytes == 0 ? 0 : tokens / (double) bytes; }
        public double bytesPerToken() { return tokens == 0 ? 0 : bytes / (double) tokens; }
    }

    private final BpeEncoder encoder;
    private final boolean[] isByte;
    private final int unkId;
    private final Totals total = new Totals();
    private final Map<String, Totals> groups = new TreeMap<>();
    private final IntArrayList ids = new IntArrayList();

    public CompressionReport(BpeEncoder encoder) {
        this.encoder = encoder;
        var model = encoder.model();
        isByte = new boolean[model.size()];
        int unk = -1;
        for (int i = 0; i < model.size(); i++) {
            isByte[i] = model.piece(i).type() == io.winnow.tokenizer.model.PieceType.BYTE;
            if (model.piece(i).type() == io.winnow.tokenizer.model.PieceType.UNKNOWN) unk = i;
        }
        unkId = unk;
    }

    /** Adds one line (without its newline) under {@code group}; null groups it by its dominant script. */
    public void add(byte[] line, int from, int to, String group) {
        Totals t = new Totals();
        t.lines = 1;
        t.bytes = to - from;
        int[] scriptCount = new int[256];
        for (int p = from; p < to; ) {
            int d = Utf8.decode(line, p, to);
            p += Utf8.len(d);
            t.chars++;
            int c = Utf8.cp(d);
            if (group == null && Character.isLetter(c)) scriptCount[UnicodeScripts.of(c) & 0xFF]++;
        }
        ids.clear();
        encoder.encode(line, from, to, ids);
        t.tokens = ids.size();
        for (int i = 0; i < ids.size(); i++) {
            int id = ids.getInt(i);
            if (isByte[id]) t.byteFallbackTokens++;
            if (id == unkId) t.unkTokens++;
        }
        if (group == null) {
            int best = -1;
            for (int s = 0; s < 256; s++) if (scriptCount[s] > 0 && (best < 0 || scriptCount[s] > scriptCount[best])) best = s;
            group = best < 0 ? "none" : scriptLabel(UnicodeScripts.name((byte) best));
        }
        total.add(t);
        groups.computeIfAbsent(group, k -> new Totals()).add(t);
    }

    private static String scriptLabel(String iso) {
        return switch (iso) {
            case "Hani", "Hira", "Kana" -> "script:Han";
            default -> "script:" + iso;
        };
    }

    public Totals total() { return total; }

    public Map<String, Totals> groups() { return groups; }
}
