package io.winnow.tokenizer.train;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Distinct byte strings (none empty, none holding a NUL byte: the trainer's runs) with a count each, without an
 * object per entry. Strings of up to 16 bytes, nine in ten occurrences, live inside their hash slot next to their
 * count, so a lookup is one memory access: those of up to 8 bytes (three in four occurrences on tok_large) as one
 * long in a table of 16-byte slots, four to a cache line, the others as two longs in a table of 24-byte slots (which
 * took a quarter of a cache line more; one slot in four straddles two lines, and both tables together spread
 * the frequent short runs over more memory). Longer ones live back to back in a byte arena (each after
 * its 4-byte length), per entry (in order of first sight) its offset, hash and count, with an open-addressing
 * table of hash and entry; word frequencies are skewed and frequent words are seen first, so a small direct-mapped
 * cache of recently used entries answers most of their lookups from memory that stays in the CPU cache.
 * <p>
 * {@link #seal} ends counting and lays every entry out in the arena, where {@link #offset}, {@link #length} and
 * {@link #count} read them.
 */
final class ByteCountMap {
    static final int INLINE = 16;
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // inline strings of 9 to 16 bytes: per slot (first 8 bytes, next 8 bytes, count), little-endian and
    // zero-padded; 0 = empty slot
    private long[] inline;
    private int inlineSize, inlineMask;
    // inline strings of up to 8 bytes: per slot (bytes, count)
    private long[] small;
    private int smallSize, smallMask;

    private byte[] arena = new byte[1 << 16];
    private int arenaSize;
    private int[] offset = new int[1 << 10], hash = new int[1 << 10];
    private long[] count = new long[1 << 10];
    private int size;
    private long[] table = new long[1 << 11];  // HashSlots
    private int mask = table.length - 1;
    /** Entry + 1 by the top hash bits; 0 = none. */
    private final int[] recent = new int[1 << RECENT_BITS];
    private static final int RECENT_BITS = 16;
    private boolean sealed;

    /**
     * @param expectedInline how many short strings to make room for (a guess: the table grows past it). Growing
     *                       from a small table copied it again and again, and the collector copied each copy.
     */
    ByteCountMap(int expectedInline) {
        // few distinct short strings have up to 8 bytes, though most occurrences do (tok_large: 88 k of 532 k
        // per part; 73% of the occurrences)
        int n = slotsFor(expectedInline / 5 * 4);
        inline = new long[3 * n];
        inlineMask = n - 1;
        n = slotsFor(expectedInline / 5);
        small = new long[2 * n];
        smallMask = n - 1;
    }

    /** Slots (a power of two, at least 4096) for this many strings at ¾ load. */
    private static int slotsFor(int strings) {
        long slots = Math.max(1 << 12, Math.min(1 << 22, strings * 4L / 3 + 1));
        return (int) Long.highestOneBit(slots - 1) << 1;
    }

    int size() { return size + (sealed ? 0 : inlineSize + smallSize); }

    static int hash(byte[] s, int off, int len) {
        // eight bytes a step (byte by byte, FNV-1a took a tenth of the long runs' counting time)
        long h = len;
        int i = off, e = off + len;
        for (; i + 8 <= e; i += 8) h = Long.rotateLeft((h ^ (long) LONG.get(s, i)) * 0x9E3779B97F4A7C15L, 29);
        long tail = 0;
        for (int k = 0; i < e; i++, k += 8) tail |= (s[i] & 0xFFL) << k;
        h = (h ^ tail) * 0xC2B2AE3D27D4EB4FL;
        return HashSlots.finish((int) (h ^ (h >>> 32)));
    }

    /** Hash of an inline string's two key longs. */
    static int inlineHash(long k0, long k1) {
        long h = k0 * 0x9E3779B97F4A7C15L + k1 * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 32) ^ (h >>> 17));
    }

    /** Adds n to a string of up to 8 bytes: its bytes as a little-endian long, zero-padded; h is {@link #inlineHash}(k0, 0). */
    void addSmall(long k0, int h, long n) {
        long[] t = small;
        for (int s = h & smallMask; ; s = (s + 1) & smallMask) {
            int i = 2 * s;
            long have = t[i];
            if (have == k0) {
                t[i + 1] += n;
                return;
            }
            if (have == 0) {
                t[i] = k0;
                t[i + 1] = n;
                if (++smallSize * 4L > 3L * (smallMask + 1)) growSmall();
                return;
            }
        }
    }

    private void growSmall() {
        small = doubled(small, 2);
        smallMask = smallMask * 2 + 1;
    }

    /** A slot table (slots of {@code width} longs: the key's one or two, then the count) twice as large. */
    private static long[] doubled(long[] table, int width) {
        int m = table.length / width * 2 - 1;
        long[] t = new long[width * (m + 1)];
        for (int i = 0; i < table.length; i += width) {
            if (table[i] == 0) continue;
            int s = inlineHash(table[i], width == 3 ? table[i + 1] : 0) & m;
            while (t[width * s] != 0) s = (s + 1) & m;
            System.arraycopy(table, i, t, width * s, width);
        }
        return t;
    }

    /**
     * Adds n to a string of 9 to 16 bytes: its bytes as two little-endian longs, zero-padded; h is
     * {@link #inlineHash}.
     */
    void addInline(long k0, long k1, int h, long n) {
        long[] t = inline;
        for (int s = h & inlineMask; ; s = (s + 1) & inlineMask) {
            int i = 3 * s;
            long have = t[i];
            if (have == k0 && t[i + 1] == k1) {
                t[i + 2] += n;
                return;
            }
            if (have == 0) {
                t[i] = k0;
                t[i + 1] = k1;
                t[i + 2] = n;
                if (++inlineSize * 4L > 3L * (inlineMask + 1)) growInline();
                return;
            }
        }
    }

    private void growInline() {
        inline = doubled(inline, 3);
        inlineMask = inlineMask * 2 + 1;
    }

    private static int lengthAt(byte[] a, int o) {
        return (a[o] & 0xFF) | (a[o + 1] & 0xFF) << 8 | (a[o + 2] & 0xFF) << 16 | a[o + 3] << 24;
    }

    private boolean same(int e, byte[] s, int off, int len) {
        int o = offset[e];
        return lengthAt(arena, o) == len && Arrays.equals(arena, o + 4, o + 4 + len, s, off, off + len);
    }

    /** Adds n to a string longer than {@link #INLINE} bytes; h is {@link #hash}. */
    void add(byte[] s, int off, int len, int h, long n) {
        int r = (h * 0x9E3779B9) >>> (32 - RECENT_BITS);  // bits of their own: the part and slot use others
        int e = recent[r] - 1;
        if (e >= 0 && hash[e] == h && same(e, s, off, len)) {
            count[e] += n;
            return;
        }
        int slot = h & mask;
        while (true) {
            long v = table[slot];
            if (v == 0) break;
            e = (int) v - 1;
            if ((int) (v >>> 32) == h && same(e, s, off, len)) {
                count[e] += n;
                recent[r] = e + 1;
                return;
            }
            slot = (slot + 1) & mask;
        }
        append(s, off, len, n);
        hash[size - 1] = h;
        table[slot] = (long) h << 32 | size;
        recent[r] = size;
        if (size * 2 > table.length) rehash();
    }

    /** Appends a new entry to the arena (no lookup). */
    private void append(byte[] s, int off, int len, long n) {
        if (size == offset.length) {
            int c = size * 2;
            offset = Arrays.copyOf(offset, c);
            if (hash != null) hash = Arrays.copyOf(hash, c);
            count = Arrays.copyOf(count, c);
        }
        if (arenaSize + 4L + len > arena.length) {
            long c = Math.max((long) arena.length * 2, (long) arenaSize + 4 + len);
            if (c > Integer.MAX_VALUE - 8) {
                c = Integer.MAX_VALUE - 8;
                if (arenaSize + 4L + len > c) {
                    throw new IllegalArgumentException("more than 2 GB of distinct training units; use --input_sentence_size");
                }
            }
            arena = Arrays.copyOf(arena, (int) c);
        }
        int o = arenaSize;
        arena[o] = (byte) len;
        arena[o + 1] = (byte) (len >>> 8);
        arena[o + 2] = (byte) (len >>> 16);
        arena[o + 3] = (byte) (len >>> 24);
        System.arraycopy(s, off, arena, o + 4, len);
        arenaSize += 4 + len;
        offset[size] = o;
        count[size] = n;
        size++;
    }

    private void rehash() {
        table = HashSlots.grown(table, hash, size);
        mask = table.length - 1;
    }

    /** Adds every entry of another map (neither sealed). */
    void addAll(ByteCountMap o) {
        // room for both first: the other's entries come in the order of their slots, which is the order of their
        // slots here, so they would fill the front of this table first, locally far fuller than on average (a
        // table growing on the way made 436 M probes for 0.2 M new entries on tok_large)
        while (4L * (inlineSize + o.inlineSize) > 3L * (inlineMask + 1)) growInline();
        while (4L * (smallSize + o.smallSize) > 3L * (smallMask + 1)) growSmall();
        for (int i = 0; i < o.inline.length; i += 3) {
            if (o.inline[i] != 0) addInline(o.inline[i], o.inline[i + 1], inlineHash(o.inline[i], o.inline[i + 1]), o.inline[i + 2]);
        }
        for (int i = 0; i < o.small.length; i += 2) {
            if (o.small[i] != 0) addSmall(o.small[i], inlineHash(o.small[i], 0), o.small[i + 1]);
        }
        for (int e = 0; e < o.size; e++) {
            int off = o.offset[e];
            add(o.arena, off + 4, lengthAt(o.arena, off), o.hash[e], o.count[e]);
        }
    }

    /** Ends adding: moves the inline strings to the arena and drops the hash tables. */
    void seal() {
        if (sealed) return;
        table = null;
        hash = null;
        // room for every inline string at once (each at most 4 + 16 bytes): growing by doubling copied the arena
        // and the entry arrays several times
        int entries = size + inlineSize + smallSize;
        offset = Arrays.copyOf(offset, Math.max(offset.length, entries));
        count = Arrays.copyOf(count, Math.max(count.length, entries));
        long bytes = (long) arenaSize + (long) (4 + INLINE) * inlineSize + (4 + 8L) * smallSize;
        if (bytes > arena.length) arena = Arrays.copyOf(arena, (int) Math.min(Integer.MAX_VALUE - 8, bytes));
        byte[] key = new byte[INLINE];
        for (int i = 0; i < inline.length; i += 3) {
            long k0 = inline[i], k1 = inline[i + 1];
            if (k0 == 0) continue;
            LONG.set(key, 0, k0);
            LONG.set(key, 8, k1);
            int len = k1 != 0 ? 16 - Long.numberOfLeadingZeros(k1) / 8 : 8 - Long.numberOfLeadingZeros(k0) / 8;
            append(key, 0, len, inline[i + 2]);
        }
        for (int i = 0; i < small.length; i += 2) {
            long k0 = small[i];
            if (k0 == 0) continue;
            LONG.set(key, 0, k0);
            append(key, 0, 8 - Long.numberOfLeadingZeros(k0) / 8, small[i + 1]);
        }
        inline = small = null;
        inlineSize = smallSize = 0;
        sealed = true;
    }

    byte[] arena() { return arena; }
    int offset(int e) { return offset[e] + 4; }
    int length(int e) { return lengthAt(arena, offset[e]); }
    long count(int e) { return count[e]; }
}
