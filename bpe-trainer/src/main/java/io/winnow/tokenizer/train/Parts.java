package io.winnow.tokenizer.train;

/**
 * Runs part 0..n-1 of a job, each on its own thread (part 0 on the caller's), and rethrows the first failure.
 * The trainer's passes split their input into as many parts as threads, so a pool would add nothing.
 */
final class Parts {
    interface Part { void run(int part) throws Exception; }

    private Parts() {}

    /** How many parts {@code items} make for {@code threads} threads: none under {@code minPerPart} items each. */
    static int count(long items, int threads, int minPerPart) {
        return (int) Math.max(1, Math.min(threads, items / minPerPart));
    }

    /** The first item of part {@code k} of {@code n} over {@code items} items (k = n gives items). */
    static int start(int items, int k, int n) {
        return (int) ((long) items * k / n);
    }

    static void run(int n, String name, Part part) throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread[] threads = new Thread[n];
        for (int k = 1; k < n; k++) {
            int slot = k;
            threads[k] = new Thread(() -> {
                try {
                    part.run(slot);
                } catch (Throwable e) {
                    synchronized (failure) { if (failure[0] == null) failure[0] = e; }
                }
            }, name + "-" + k);
            threads[k].setDaemon(true);
            threads[k].start();
        }
        try {
            part.run(0);
        } catch (Throwable e) {
            synchronized (failure) { if (failure[0] == null) failure[0] = e; }
        }
        for (int k = 1; k < n; k++) threads[k].join();
        Throwable e = failure[0];
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error err) throw err;
        if (e != null) throw new IllegalStateException(name + " failed", e);
    }

    /** Starts {@code job} on a thread of its own; {@link #get} waits for its result. */
    static <T> java.util.concurrent.FutureTask<T> background(String name, java.util.concurrent.Callable<T> job) {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(job);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return task;
    }

    /** The result of a {@link #background} job, or its failure rethrown as it was. */
    static <T> T get(java.util.concurrent.FutureTask<T> task) throws InterruptedException {
        try {
            return task.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
