package io.winnow.tokenizer.encode;

import io.winnow.tokenizer.model.Piece;
import io.winnow.tokenizer.model.PieceType;
import io.winnow.tokenizer.model.SentencePieceModel;
import io.winnow.tokenizer.model.TrainerSpec;
import io.winnow.tokenizer.text.ByteBuf;
import io.winnow.tokenizer.text.Normalizer;
import io.winnow.tokenizer.text.PrefixMatcher;
import io.winnow.tokenizer.text.Utf8;
import it.unimi.dsi.fastutil.ints.IntArrayList;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes text with a SentencePiece BPE model exactly as {@code spm_encode} does: normalize, split into characters
 * (user-defined symbols whole and frozen), then repeatedly merge the adjacent pair whose concatenation is the
 * highest-scoring piece (ties: leftmost), map symbols to ids, and spell unknown symbols as UTF-8 byte pieces when
 * the model has byte fallback (else collapse runs of unknowns into one). Thread-safe: per-thread scratch state.
 */
public final class BpeEncoder {
    private final SentencePieceModel model;
    private final Normalizer normalizer;
    private final PrefixMatcher userDefined;
    private final PieceTable pieces;     // NORMAL, USER_DEFINED, UNUSED
    private final PieceTable reserved;   // CONTROL, UNKNOWN, BYTE
    private final float[] scores;
    private final PieceType[] types;
    private final int unkId;
    private final boolean byteFallback;
    private final int[] byteIds = new int[256];
    private final byte[][] pieceBytes;
    private final boolean hasUnused;
    // (left piece id, right piece id) -> id of the piece that is their concatenation, for every split of every
    // normal piece into two normal pieces: the same test as "is left+right a piece", without touching bytes
    private final MergeTable mergeTable;
    private final boolean[] shadowed;      // normal pieces whose string is also a reserved piece (reserved wins)
    private final int[] bmpPieceId = new int[0x10000];  // single-character pieces of the BMP, else -1
    private final ThreadLocal<State> state = ThreadLocal.withInitial(State::new);
    private static final int WORD_CACHE_SLOTS = 1 << 16;
    /**
     * True when no piece contains a character other than U+2581 followed by U+2581 (models trained with
     * split_by_whitespace, the default, in prefix mode) and no UNUSED pieces: then no merge can cross the point
     * before a U+2581 run, so each word can be encoded on its own and cached.
     */
    private final boolean wordCache;

    public BpeEncoder(SentencePieceModel model) {
        model.validate();
        if (model.trainerSpec().modelType() != TrainerSpec.BPE) {
            throw new IllegalArgumentException("not a BPE model (model_type=" + model.trainerSpec().modelType()
                    + "); only BPE models are supported");
        }
        this.model = model;
        int n = model.size();
        scores = new float[n];
        types = new PieceType[n];
        pieceBytes = new byte[n][];
        List<String> user = new ArrayList<>();
        int nNormal = 0;
        int unk = -1;
        boolean unused = false;
        for (int i = 0; i < n; i++) {
            Piece p = model.piece(i);
            scores[i] = p.score();
            types[i] = p.type();
            pieceBytes[i] = p.piece().getBytes(StandardCharsets.UTF_8);
            if (isNormal(p.type())) nNormal++;
            if (p.type() == PieceType.USER_DEFINED) user.add(p.piece());
            if (p.type() == PieceType.UNKNOWN) unk = i;
            if (p.type() == PieceType.UNUSED) unused = true;
        }
        hasUnused = unused;
        unkId = unk;
        byte[][] nk = new byte[nNormal][], rk = new byte[n - nNormal][];
        int[] ni = new int[nNormal], ri = new int[n - nNormal];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (isNormal(types[i])) { nk[a] = pieceBytes[i]; ni[a++] = i; }
            else { rk[b] = pieceBytes[i]; ri[b++] = i; }
        }
        pieces = new PieceTable(nk, ni);
        reserved = new PieceTable(rk, ri);
        byteFallback = model.trainerSpec().byteFallback();
        if (byteFallback) {
            for (int b = 0; b < 256; b++) byteIds[b] = pieceToId(SentencePieceModel.bytePiece(b));
        }
        userDefined = new PrefixMatcher(user);
        boolean crossing = hasUnused || model.trainerSpec().treatWhitespaceAsSuffix();
        for (int i = 0; i < n && !crossing; i++) {
            if (!isNormal(types[i])) continue;
            String p = model.piece(i).piece();
            for (int k = 1; k < p.length() && !crossing; k++) crossing = p.charAt(k) == '\u2581' && p.charAt(k - 1) != '\u2581';
        }
        wordCache = !crossing;
        shadowed = new boolean[n];
        if (n >= MergeTable.MAX_ID) throw new IllegalArgumentException("models with more than " + MergeTable.MAX_ID + " pieces are not supported");
        int splits = 0;
        for (int i = 0; i < n; i++) if (isNormal(types[i])) splits += Math.max(0, pieceBytes[i].length - 1);
        mergeTable = new MergeTable(Math.max(16, splits));
        for (int i = 0; i < n; i++) {
            if (!isNormal(types[i])) continue;
            byte[] b = pieceBytes[i];
            shadowed[i] = reserved.get(b, 0, b.length) >= 0;
            if (pieces.get(b, 0, b.length) != i) continue;  // a duplicate string: the first id is the piece
            for (int cut = 1; cut < b.length; cut++) {
                if ((b[cut] & 0xC0) == 0x80) continue;  // not a character boundary
                int l = pieces.get(b, 0, cut), r = pieces.get(b, cut, b.length - cut);
                if (l >= 0 && r >= 0) mergeTable.putIfAbsent(l, r, i);
            }
        }
        byte[] enc = new byte[4];
        for (int c = 0; c < 0x10000; c++) {
            if (c >= 0xD800 && c < 0xE000) { bmpPieceId[c] = -1; continue; }
            int len = Utf8.encode(c, enc, 0);
            bmpPieceId[c] = pieces.get(enc, 0, len);
        }
        normalizer = new Normalizer(model.normalizerSpec(), model.trainerSpec().treatWhitespaceAsSuffix(), user);
    }

    private static boolean isNormal(PieceType t) {
        return t == PieceType.NORMAL || t == PieceType.USER_DEFINED || t == PieceType.UNUSED;
    }

    public SentencePieceModel model() { return model; }

    public int pieceToId(String piece) {
        byte[] b = piece.getBytes(StandardCharsets.UTF_8);
        return pieceToId(b, 0, b.length);
    }

    private int pieceToId(byte[] s, int off, int len) {
        int id = reserved.get(s, off, len);
        if (id >= 0) return id;
        id = pieces.get(s, off, len);
        return id >= 0 ? id : unkId;
    }

    public String idToPiece(int id) { return model.piece(id).piece(); }

    /** Ids of one text (e.g. a line without its newline). */
    public int[] encode(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        IntArrayList out = new IntArrayList();
        encode(b, 0, b.length, out);
        return out.toIntArray();
    }

    public int[] encode(byte[] text) {
        IntArrayList out = new IntArrayList();
        encode(text, 0, text.length, out);
        return out.toIntArray();
    }

    /** Pieces of one text, as {@code spm_encode --output_format=piece}. */
    public List<String> encodeAsPieces(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return encodeAsPieces(b, 0, b.length);
    }

    public List<String> encodeAsPieces(byte[] text, int from, int to) {
        List<String> out = new ArrayList<>();
        State st = state.get();
        segment(text, from, to, st);
        emit(st, null, out);
        return out;
    }

    /** Appends the ids of {@code text[from, to)} to {@code out}. */
    public void encode(byte[] text, int from, int to, IntArrayList out) {
        State st = state.get();
        if (!wordCache) {
            segment(text, from, to, st);
            emit(st, out, null);
            return;
        }
        // Words are encoded independently (no piece spans the boundary before a U+2581 run, see wordCache) and
        // remembered in a small per-thread cache.
        normalizer.normalize(text, from, to, st.norm);
        byte[] s = st.norm.data;
        int end = st.norm.size;
        int wordStart = 0;
        boolean prevWs = false;
        for (int p = 0; p <= end; ) {
            boolean ws = p < end && isSpaceSymbol(s, p, end);
            if (p == end || (ws && !prevWs && p > wordStart)) {
                encodeWord(st, wordStart, p, out);
                wordStart = p;
            }
            if (p == end) break;
            prevWs = ws;
            p += ws ? 3 : Math.min(Utf8.oneCharLen(s[p]), end - p);
        }
    }

    private static boolean isSpaceSymbol(byte[] s, int p, int end) {
        return p + 3 <= end && s[p] == Normalizer.SPACE_SYMBOL[0] && s[p + 1] == Normalizer.SPACE_SYMBOL[1]
                && s[p + 2] == Normalizer.SPACE_SYMBOL[2];
    }

    private static final int MAX_CACHED_WORD = 48;

    private void encodeWord(State st, int begin, int end, IntArrayList out) {
        int len = end - begin;
        int[] cached = null;
        int slot = 0, hash = 0;
        if (len <= MAX_CACHED_WORD) {
            hash = PieceTable.hash(st.norm.data, begin, len);
            slot = hash & (WORD_CACHE_SLOTS - 1);
            byte[] k = st.cacheKey[slot];
            if (k != null && st.cacheHash[slot] == hash && Arrays.equals(k, 0, k.length, st.norm.data, begin, end)) {
                cached = st.cacheIds[slot];
            }
        }
        if (cached == null) {
            st.word.clear();
            bpe(st, begin, end);
            emit(st, st.word, null);
            cached = st.word.toIntArray();
            if (len <= MAX_CACHED_WORD) {
                st.cacheKey[slot] = Arrays.copyOfRange(st.norm.data, begin, end);
                st.cacheHash[slot] = hash;
                st.cacheIds[slot] = cached;
            }
        }
        int k = 0;
        // without byte fallback a run of unknowns is one <unk>, also across words
        if (!byteFallback && cached.length > 0 && cached[0] == unkId && !out.isEmpty() && out.getInt(out.size() - 1) == unkId) k = 1;
        for (; k < cached.length; k++) out.add(cached[k]);
    }

    // ------------------------------------------------------------------ the BPE merge loop

    private static final class State {
        final ByteBuf norm = new ByteBuf(256);
        int n;
        int[] start = new int[64], len = new int[64], prev = new int[64], next = new int[64], id = new int[64];
        boolean[] freeze = new boolean[64];
        // candidate pairs: entries appended per line; a binary max-heap of entry indexes (score desc, left asc)
        int entries;
        float[] eScore = new float[64];
        int[] eLeft = new int[64], eRight = new int[64], eSize = new int[64], eMerged = new int[64];
        int h;
        int[] heap = new int[64];
        Map<String, String[]> revMerge;
        // direct-mapped cache of encoded words
        final byte[][] cacheKey = new byte[WORD_CACHE_SLOTS][];
        final int[] cacheHash = new int[WORD_CACHE_SLOTS];
        final int[][] cacheIds = new int[WORD_CACHE_SLOTS][];
        final IntArrayList word = new IntArrayList();

        void ensureSymbols(int cap) {
            if (cap <= start.length) return;
            int c = Math.max(cap, start.length * 2);
            start = Arrays.copyOf(start, c);
            len = Arrays.copyOf(len, c);
            prev = Arrays.copyOf(prev, c);
            next = Arrays.copyOf(next, c);
            id = Arrays.copyOf(id, c);
            freeze = Arrays.copyOf(freeze, c);
        }

        private boolean before(int a, int b) {
            float sa = eScore[a], sb = eScore[b];
            return sa > sb || (sa == sb && eLeft[a] < eLeft[b]);
        }

        void push(float score, int left, int right, int size, int merged) {
            if (entries == eScore.length) {
                int c = entries * 2;
                eScore = Arrays.copyOf(eScore, c);
                eLeft = Arrays.copyOf(eLeft, c);
                eRight = Arrays.copyOf(eRight, c);
                eSize = Arrays.copyOf(eSize, c);
                eMerged = Arrays.copyOf(eMerged, c);
                heap = Arrays.copyOf(heap, c);
            }
            int e = entries++;
            eScore[e] = score; eLeft[e] = left; eRight[e] = right; eSize[e] = size; eMerged[e] = merged;
            int i = h++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!before(e, heap[parent])) break;
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = e;
        }

        /** Removes and returns the best entry. */
        int pop() {
            int top = heap[0];
            int last = heap[--h];
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                if (l >= h) break;
                int r = l + 1;
                int m = r < h && before(heap[r], heap[l]) ? r : l;
                if (!before(heap[m], last)) break;
                heap[i] = heap[m];
                i = m;
            }
            heap[i] = last;
            return top;
        }
    }

    private void maybeAddPair(State st, int left, int right) {
        if (left < 0 || right < 0 || st.freeze[left] || st.freeze[right]) return;
        int size = st.len[left] + st.len[right];
        int l = st.id[left], r = st.id[right];
        int id = l >= 0 && r >= 0 ? mergeTable.get(l, r)
                : pieces.get(st.norm.data, st.start[left], size);  // a symbol that is no piece: compare bytes
        if (id < 0) return;
        st.push(scores[id], left, right, size, id);
        if (types[id] == PieceType.UNUSED) {
            if (st.revMerge == null) st.revMerge = new HashMap<>();
            byte[] d = st.norm.data;
            st.revMerge.put(new String(d, st.start[left], size, StandardCharsets.UTF_8), new String[]{
                    new String(d, st.start[left], st.len[left], StandardCharsets.UTF_8),
                    new String(d, st.start[right], st.len[right], StandardCharsets.UTF_8)});
        }
    }

    /** Piece id of one character (of m bytes), or -1. */
    private int charPieceId(byte[] s, int p, int m) {
        switch (m) {
            case 1: return s[p] >= 0 ? bmpPieceId[s[p]] : pieces.get(s, p, 1);
            case 2:
                if ((s[p] & 0xE0) == 0xC0 && (s[p + 1] & 0xC0) == 0x80) {
                    int c = ((s[p] & 0x1F) << 6) | (s[p + 1] & 0x3F);
                    if (c >= 0x80) return bmpPieceId[c];
                }
                return pieces.get(s, p, m);
            case 3:
                if ((s[p] & 0xF0) == 0xE0 && (s[p + 1] & 0xC0) == 0x80 && (s[p + 2] & 0xC0) == 0x80) {
                    int c = ((s[p] & 0x0F) << 12) | ((s[p + 1] & 0x3F) << 6) | (s[p + 2] & 0x3F);
                    if (c >= 0x800) return bmpPieceId[c];
                }
                return pieces.get(s, p, m);
            default: return pieces.get(s, p, m);
        }
    }

    private void segment(byte[] text, int from, int to, State st) {
        normalizer.normalize(text, from, to, st.norm);
        bpe(st, 0, st.norm.size);
    }

    /** BPE over the normalized bytes [begin, end) of the state's buffer. */
    private void bpe(State st, int begin, int end) {
        byte[] s = st.norm.data;
        st.n = 0;
        st.h = 0;
        st.entries = 0;
        if (st.revMerge != null) st.revMerge.clear();
        st.ensureSymbols(end - begin);
        for (int p = begin; p < end; ) {
            int m = userDefined.match(s, p, end);
            boolean frozen = m > 0;
            if (!frozen) m = Math.min(Utf8.oneCharLen(s[p]), end - p);
            int i = st.n++;
            st.start[i] = p;
            st.len[i] = m;
            st.freeze[i] = frozen;
            st.id[i] = frozen ? pieces.get(s, p, m) : charPieceId(s, p, m);
            st.prev[i] = i - 1;
            p += m;
            st.next[i] = p < end ? i + 1 : -1;
        }
        for (int i = 1; i < st.n; i++) maybeAddPair(st, i - 1, i);
        while (st.h > 0) {
            int top = st.pop();
            int left = st.eLeft[top], right = st.eRight[top];
            if (st.len[left] == 0 || st.len[right] == 0 || st.len[left] + st.len[right] != st.eSize[top]) continue;
            st.len[left] += st.len[right];
            st.id[left] = st.eMerged[top];
            st.next[left] = st.next[right];
            if (st.next[right] >= 0) st.prev[st.next[right]] = left;
            st.len[right] = 0;
            maybeAddPair(st, st.prev[left], left);
            maybeAddPair(st, left, st.next[left]);
        }
    }

    /** Maps the final symbols to ids (or pieces), with byte fallback or unknown-run merging. */
    private void emit(State st, IntArrayList ids, List<String> pieceOut) {
        if (st.n == 0) return;
        byte[] s = st.norm.data;
        boolean prevUnk = false;
        for (int i = 0; i != -1; i = st.next[i]) {
            if (hasUnused) {
                List<String> parts = new ArrayList<>();
                resegment(new String(s, st.start[i], st.len[i], StandardCharsets.UTF_8), st, parts);
                for (String part : parts) {
                    byte[] pb = part.getBytes(StandardCharsets.UTF_8);
                    prevUnk = emitOne(pb, 0, pb.length, prevUnk, ids, pieceOut);
                }
            } else {
                int known = st.id[i];
                if (known >= 0 && !shadowed[known]) {
                    if (ids != null) ids.add(known);
                    else pieceOut.add(idToPiece(known));
                    prevUnk = known == unkId;
                } else {
                    prevUnk = emitOne(s, st.start[i], st.len[i], prevUnk, ids, pieceOut);
                }
            }
        }
    }

    private boolean emitOne(byte[] s, int off, int len, boolean prevUnk, IntArrayList ids, List<String> pieceOut) {
        int id = pieceToId(s, off, len);
        boolean unk = id == unkId;
        if (unk && byteFallback) {
            for (int k = 0; k < len; k++) {
                int bid = byteIds[s[off + k] & 0xFF];
                if (ids != null) ids.add(bid);
                else pieceOut.add(idToPiece(bid));
            }
        } else if (unk && prevUnk) {
            if (pieceOut != null) {
                int last = pieceOut.size() - 1;
                pieceOut.set(last, pieceOut.get(last) + new String(s, off, len, StandardCharsets.UTF_8));
            }
        } else {
            if (ids != null) ids.add(id);
            else pieceOut.add(unk ? new String(s, off, len, StandardCharsets.UTF_8) : idToPiece(id));
        }
        return unk;
    }

    private void resegment(String w, State st, List<String> out) {
        int id = pieceToId(w);
        if (id < 0 || types[id] != PieceType.UNUSED) {
            out.add(w);
            return;
        }
        String[] lr = st.revMerge == null ? null : st.revMerge.get(w);
        if (lr == null) {
            out.add(w);
            return;
        }
        resegment(lr[0], st, out);
        resegment(lr[1], st, out);
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Text of ids, as SentencePiece decodes: control pieces vanish, unknown becomes the unk surface, runs of byte
     * pieces are reassembled as UTF-8 (a malformed byte becomes U+FFFD), U+2581 becomes a space, and a leading space
     * is dropped when the model adds a dummy prefix or removes extra whitespace.
     */
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean stripLeading = model.normalizerSpec().addDummyPrefix() || model.normalizerSpec().removeExtraWhitespaces();
        boolean removeExtra = model.normalizerSpec().removeExtraWhitespaces();
        boolean isBosWs = true, bosWsSeen = false;
        String unkSurface = model.trainerSpec().has("unk_surface") ? model.trainerSpec().unkSurface() : " \u2047 ";
        for (int id : ids) {
            if (id < 0 || id >= model.size()) throw new IllegalArgumentException("Invalid id: " + id);
            PieceType t = types[id];
            if (t == PieceType.BYTE) {
                bytes.write(SentencePieceModel.pieceToByte(idToPiece(id)));
                continue;
            }
            flushBytes(bytes, out);
            if (bosWsSeen || out.size() > 0) isBosWs = false;
            bosWsSeen = false;
            if (t == PieceType.CONTROL) continue;
            if (t == PieceType.UNKNOWN) {
                out.writeBytes(unkSurface.getBytes(StandardCharsets.UTF_8));
                continue;
            }
            byte[] p = pieceBytes[id];
            int off = 0;
            if (isBosWs && stripLeading && startsWithSpaceSymbol(p)) {
                off = 3;
                bosWsSeen = !removeExtra;
            }
            for (int k = off; k < p.length; ) {
                if (k + 3 <= p.length && p[k] == Normalizer.SPACE_SYMBOL[0] && p[k + 1] == Normalizer.SPACE_SYMBOL[1]
                        && p[k + 2] == Normalizer.SPACE_SYMBOL[2]) {
                    out.write(' ');
                    k += 3;
                } else {
                    out.write(p[k++]);
                }
            }
        }
        flushBytes(bytes, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean startsWithSpaceSymbol(byte[] p) {
        return p.length >= 3 && p[0] == Normalizer.SPACE_SYMBOL[0] && p[1] == Normalizer.SPACE_SYMBOL[1]
                && p[2] == Normalizer.SPACE_SYMBOL[2];
    }

    private static void flushBytes(ByteArrayOutputStream bytes, ByteArrayOutputStream out) {
        if (bytes.size() == 0) return;
        byte[] b = bytes.toByteArray();
        bytes.reset();
        for (int p = 0; p < b.length; ) {
            int d = Utf8.decode(b, p, b.length);
            if (Utf8.cp(d) == Utf8.ERROR && Utf8.len(d) != 3) {
                out.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
                p += 1;
            } else {
                out.write(b, p, Utf8.len(d));
                p += Utf8.len(d);
            }
        }
    }
}
