package io.winnow.mixture.sample;

/**
 * Draws "one more copy or not" for a stream of documents, each with its own probability, so that every
 * document is taken with exactly its probability while the tokens taken stay within one document of their
 * expectation — the streaming pivotal method of balanced sampling (Deville and Tillé, "Unequal probability
 * sampling without replacement through a splitting method", Biometrika 1998), balanced on token counts.
 *
 * <p>One document is pending at a time. Each new document is paired with it: probability moves between the two
 * along the direction that keeps {@code p_a t_a + p_b t_b} (their expected tokens) unchanged, by a random step
 * whose mean is zero, until one of the two probabilities reaches 0 or 1 — that document is decided, the other
 * stays pending. Since each step is a martingale, each document's chance is its probability; since expected
 * tokens never change, the realized total differs from the expected one only by the last pending document.
 * The random steps come from hashes of (seed, document key): the draw is reproducible.
 */
final class BalancedDraw {
    private static final double EPS = 1e-12;

    /** Where decided documents go. */
    interface Decisions {
        void taken(Unit u);
    }

    /** A document waiting for its extra copy: its probability, tokens and whatever the caller needs to write it. */
    static final class Unit {
        double p;
        int tokens;
        long key;
        int shard;
        int ordinal;
        int copy;
        int bytes;

        Unit(double p, int tokens, long key, int shard, int ordinal, int copy, int bytes) {
            this.p = p;
            this.tokens = tokens;
            this.key = key;
            this.shard = shard;
            this.ordinal = ordinal;
            this.copy = copy;
            this.bytes = bytes;
        }
    }

    private final long seed;
    private final long purpose;
    private final Decisions out;
    private Unit pending;

    BalancedDraw(long seed, long purpose, Decisions out) {
        this.seed = seed;
        this.purpose = purpose;
        this.out = out;
    }

    /** Adds a document with probability {@code 0 < u.p < 1}. */
    void offer(Unit b) {
        if (pending == null) {
            pending = b;
            return;
        }
        Unit a = pending;
        // move along (t_b, -t_a): p_a + s t_b, p_b - s t_a keeps p_a t_a + p_b t_b
        double up = Math.min((1 - a.p) / b.tokens, b.p / a.tokens);
        double down = Math.min(a.p / b.tokens, (1 - b.p) / a.tokens);
        double u = Hash64.uniform(seed, b.key ^ ((long) b.shard << 32 | b.ordinal), purpose);
        if (u * (up + down) < down) {
            a.p += up * b.tokens;
            b.p -= up * a.tokens;
        } else {
            a.p -= down * b.tokens;
            b.p += down * a.tokens;
        }
        boolean aOpen = a.p > EPS && a.p < 1 - EPS;
        boolean bOpen = b.p > EPS && b.p < 1 - EPS;
        if (aOpen && bOpen) {
            // rounding kept both strictly inside: settle the one nearer a bound (off by at most ~1e-12)
            Unit near = Math.min(a.p, 1 - a.p) < Math.min(b.p, 1 - b.p) ? a : b;
            near.p = near.p < 0.5 ? 0 : 1;
            if (near == a) aOpen = false; else bOpen = false;
        }
        pending = aOpen ? a : bOpen ? b : null;
        if (!aOpen && a.p >= 0.5) out.taken(a);
        if (!bOpen && b.p >= 0.5) out.taken(b);
    }

    /** Decides the last pending document by its remaining probability. */
    void finish() {
        if (pending == null) return;
        Unit a = pending;
        pending = null;
        if (Hash64.uniform(seed, a.key ^ ((long) a.shard << 32 | a.ordinal), purpose + 1) < a.p) out.taken(a);
    }
}
