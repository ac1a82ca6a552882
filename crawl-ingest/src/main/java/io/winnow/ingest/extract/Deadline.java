package io.winnow.ingest.extract;

/**
 * A per-document wall-clock budget that extraction code checks cooperatively (every read of the
 * input, every SAX event, every few DOM nodes). The watchdog in {@link BudgetedRunner} also cancels
 * it from outside, so a check after cancellation fails even before the clock runs out.
 */
public final class Deadline {
    private final long budgetMillis;
    private final long endNanos;
    private volatile boolean cancelled;

    public Deadline(long budgetMillis) {
        this.budgetMillis = budgetMillis;
        this.endNanos = System.nanoTime() + budgetMillis * 1_000_000L;
    }

    /** A deadline that never expires (tools and tests that extract without a budget). */
    public static Deadline none() {
        return new Deadline(Long.MAX_VALUE / 2_000_000L);
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean expired() {
        return cancelled || System.nanoTime() - endNanos > 0;
    }

    /** Throws {@link ExtractException} with rule {@code timeout} once the budget is spent. */
    public void check() {
        if (expired()) throw new ExtractException("timeout", "over the time budget of " + budgetMillis + " ms");
    }

    public long budgetMillis() { return budgetMillis; }
}
