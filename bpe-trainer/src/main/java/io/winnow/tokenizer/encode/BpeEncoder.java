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
    private final ThreadLocal<State> state = ThreadLocal.withInitial(State::new);

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
        segment(text, from, to, st);
        emit(st, out, null);
    }

    // ------------------------------------------------------------------ the BPE merge loop

    private static final class State {
        final ByteBuf norm = new ByteBuf(256);
        int n;
        int[] start = new int[64], len = new int[64], prev = new int[64], next = new int[64];
        boolean[] freeze = new boolean[64];
        // max-heap of candidate pairs: score desc, then left asc
        int h;
        float[] hScore = new float[64];
        int[] hLeft = new int[64], hRight = new int[64], hSize = new int[64];
        Map<String, String[]> revMerge;

        void ensureSymbols(int cap) {
            if (cap <= start.length) return;
            int c = Math.max(cap, start.length * 2);
            start = Arrays.copyOf(start, c);
            len = Arrays.copyOf(len, c);
            prev = Arrays.copyOf(prev, c);
            next = Arrays.copyOf(next, c);
            freeze = Arrays.copyOf(freeze, c);
        }

        boolean before(int a, int b) {
            return hScore[a] > hScore[b] || (hScore[a] == hScore[b] && hLeft[a] < hLeft[b]);
        }

        void swap(int a, int b) {
            float s = hScore[a]; hScore[a] = hScore[b]; hScore[b] = s;
            int t = hLeft[a]; hLeft[a] = hLeft[b]; hLeft[b] = t;
            t = hRight[a]; hRight[a] = hRight[b]; hRight[b] = t;
            t = hSize[a]; hSize[a] = hSize[b]; hSize[b] = t;
        }

        void push(float score, int left, int right, int size) {
            if (h == hScore.length) {
                int c = h * 2;
                hScore = Arrays.copyOf(hScore, c);
                hLeft = Arrays.copyOf(hLeft, c);
                hRight = Arrays.copyOf(hRight, c);
                hSize = Arrays.copyOf(hSize, c);
            }
            hScore[h] = score; hLeft[h] = left; hRight[h] = right; hSize[h] = size;
            int i = h++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (!before(i, p)) break;
                swap(i, p);
                i = p;
            }
        }

        /** Moves the top to slot h (past the end) after shrinking; caller reads it there. */
        void pop() {
            h--;
            swap(0, h);
            int i = 0;
            while (true) {
                int l = 2 * i + 1, r = l + 1, m = i;
                if (l < h && before(l, m)) m = l;
                if (r < h && before(r, m)) m = r;
                if (m == i) break;
                swap(i, m);
                i = m;
            }
        }
    }

    private void maybeAddPair(State st, int left, int right) {
        if (left < 0 || right < 0 || st.freeze[left] || st.freeze[right]) return;
        int size = st.len[left] + st.len[right];
        int id = pieces.get(st.norm.data, st.start[left], size);
        if (id < 0) return;
        st.push(scores[id], left, right, size);
        if (types[id] == PieceType.UNUSED) {
            if (st.revMerge == null) st.revMerge = new HashMap<>();
            byte[] d = st.norm.data;
            st.revMerge.put(new String(d, st.start[left], size, StandardCharsets.UTF_8), new String[]{
                    new String(d, st.start[left], st.len[left], StandardCharsets.UTF_8),
                    new String(d, st.start[right], st.len[right], StandardCharsets.UTF_8)});
        }
    }

    private void segment(byte[] text, int from, int to, State st) {
        normalizer.normalize(text, from, to, st.norm);
        byte[] s = st.norm.data;
        int end = st.norm.size;
        st.n = 0;
        st.h = 0;
        if (st.revMerge != null) st.revMerge.clear();
        st.ensureSymbols(end);
        for (int p = 0; p < end; ) {
            int m = userDefined.match(s, p, end);
            boolean frozen = m > 0;
            if (!frozen) m = Math.min(Utf8.oneCharLen(s[p]), end - p);
            int i = st.n++;
            st.start[i] = p;
            st.len[i] = m;
            st.freeze[i] = frozen;
            st.prev[i] = i - 1;
            p += m;
            st.next[i] = p < end ? i + 1 : -1;
        }
        for (int i = 1; i < st.n; i++) maybeAddPair(st, i - 1, i);
        while (st.h > 0) {
            st.pop();
            int top = st.h;
            int left = st.hLeft[top], right = st.hRight[top];
            if (st.len[left] == 0 || st.len[right] == 0 || st.len[left] + st.len[right] != st.hSize[top]) continue;
            st.len[left] += st.len[right];
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
                prevUnk = emitOne(s, st.start[i], st.len[i], prevUnk, ids, pieceOut);
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
