package io.winnow.tokenizer.text;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Collection;

/**
 * Longest-prefix matching over a set of UTF-8 strings (user-defined symbols, meta pieces), as SentencePiece's
 * PrefixMatcher: a byte trie with edges in one primitive hash map.
 */
public final class PrefixMatcher {
    private final Long2IntOpenHashMap edges = new Long2IntOpenHashMap();
    private final BitSet terminal = new BitSet();
    private int nodes = 1;
    private final boolean empty;
    private final boolean[] first = new boolean[256];  // bytes that can start a match

    public PrefixMatcher(Collection<String> strings) {
        edges.defaultReturnValue(-1);
        for (String s : strings) {
            if (s.isEmpty()) continue;
            int node = 0;
            for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                long key = ((long) node << 8) | (b & 0xFF);
                int next = edges.get(key);
                if (next < 0) {
                    next = nodes++;
                    edges.put(key, next);
                }
                node = next;
            }
            terminal.set(node);
            first[s.getBytes(StandardCharsets.UTF_8)[0] & 0xFF] = true;
        }
        empty = nodes == 1;
    }

    public boolean isEmpty() { return empty; }

    /** True if some string of the set starts with this byte. */
    public boolean canStartWith(byte b) { return first[b & 0xFF]; }

    /** Length in bytes of the longest string of the set that starts at {@code pos}, or 0. */
    public int match(byte[] s, int pos, int end) {
        if (empty || !first[s[pos] & 0xFF]) return 0;
        int node = 0, best = 0;
        for (int p = pos; p < end; p++) {
            node = edges.get(((long) node << 8) | (s[p] & 0xFF));
            if (node < 0) break;
            if (terminal.get(node)) best = p - pos + 1;
        }
        return best;
    }
}
