package io.winnow.ingest.extract;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs extractions on a helper thread under a wall-clock budget, so that a pathological document
 * cannot hold a worker. The task gets a {@link Deadline} that parsers and handlers check
 * cooperatively; when the budget is spent the watchdog cancels it and interrupts the thread, and if
 * the thread still has not returned after a grace period (a parser spinning without reading input
 * or emitting text), it is stopped and abandoned and a fresh helper takes its place. Either way
 * the caller gets {@code timeout} after at most budget + grace and moves on.
 */
public final class BudgetedRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetedRunner.class);
    private static final AtomicLong ABANDONED = new AtomicLong();
    private static final long IDLE_EXIT_SECONDS = 30;

    private Helper helper;

    /** Helper threads given up on since the JVM started (each was stopped, or left to finish on its own). */
    public static long abandonedThreads() { return ABANDONED.get(); }

    /** The grace period after the budget before a helper is abandoned: a quarter of the budget, 50 ms to 2 s. */
    static long graceMillis(long budgetMillis) {
        return Math.max(50, Math.min(2000, budgetMillis / 4));
    }

    public <T> T run(Function<Deadline, T> task, long budgetMillis) {
        if (helper == null || !helper.isAlive()) helper = new Helper();
        Deadline deadline = new Deadline(budgetMillis);
        Job<T> job = new Job<>(task, deadline);
        if (!helper.offer(job)) {
            helper = new Helper();
            if (!helper.offer(job)) throw new IllegalStateException("extraction helper thread did not start");
        }
        long grace = graceMillis(budgetMillis);
        try {
            if (job.await(budgetMillis + grace)) return job.result();
            deadline.cancel();
            helper.interrupt();
            if (job.await(grace)) {
                // It unwound on the cancel; whatever it returned, the budget was spent.
                if (job.error instanceof ExtractException e && e.rule().equals("timeout")) throw e;
                throw new ExtractException("timeout", "over the time budget of " + budgetMillis + " ms");
            }
            abandon(helper, budgetMillis);
            helper = null;
            throw new ExtractException("timeout", "over the time budget of " + budgetMillis
                    + " ms; the parser did not stop and its thread was abandoned");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deadline.cancel();
            throw new ExtractException("interrupted", "interrupted while extracting");
        }
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void abandon(Helper h, long budgetMillis) {
        ABANDONED.incrementAndGet();
        h.abandoned = true;
        LOG.warn("extraction still running {} ms after its budget of {} ms: stopping its thread", graceMillis(budgetMillis) * 2, budgetMillis);
        try {
            h.stop(); // Java 17: throws ThreadDeath in the runaway parser; its objects are private to the document
        } catch (UnsupportedOperationException e) {
            // Newer JDKs cannot stop threads: the daemon thread finishes (or spins) on its own.
        }
    }

    @Override
    public void close() {
        if (helper != null) helper.quit();
        helper = null;
    }

    private static final class Job<T> {
        final Function<Deadline, T> task;
        final Deadline deadline;
        private T value;
        private Throwable error;
        private boolean done;

        Job(Function<Deadline, T> task, Deadline deadline) {
            this.task = task;
            this.deadline = deadline;
        }

        void execute() {
            T v = null;
            Throwable err = null;
            try {
                v = task.apply(deadline);
            } catch (Throwable t) {
                err = t;
            }
            synchronized (this) {
                value = v;
                error = err;
                done = true;
                notifyAll();
            }
        }

        synchronized boolean await(long millis) throws InterruptedException {
            long end = System.nanoTime() + millis * 1_000_000L;
            while (!done) {
                long left = (end - System.nanoTime()) / 1_000_000L;
                if (left <= 0) return false;
                wait(left);
            }
            return true;
        }

        synchronized T result() {
            if (error == null) return value;
            if (error instanceof RuntimeException r) throw r;
            if (error instanceof Error e) throw e;
            throw new ExtractException("parse_error", error.toString(), error);
        }
    }

    /** One daemon thread taking jobs from a hand-off queue; exits after a while without work. */
    private static final class Helper extends Thread {
        private final SynchronousQueue<Job<?>> queue = new SynchronousQueue<>();
        volatile boolean abandoned;
        private volatile boolean quit;

        Helper() {
            super("winnow-extract");
            setDaemon(true);
            start();
        }

        boolean offer(Job<?> job) {
            try {
                return queue.offer(job, 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void quit() {
            quit = true;
            interrupt();
        }

        @Override
        public void run() {
            while (!quit && !abandoned) {
                Job<?> job;
                try {
                    job = queue.poll(IDLE_EXIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    if (quit) return;
                    continue;
                }
                if (job == null) return;
                Thread.interrupted(); // a cancel aimed at the previous job must not hit this one
                job.execute();
            }
        }
    }
}
