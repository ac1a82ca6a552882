package io.winnow.dedup.local;

import io.winnow.core.exec.StageFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs numbered tasks on a fixed pool; the first failure cancels the rest and is reported with its task. */
final class Parallel {
    @FunctionalInterface
    interface Task {
        void run(int index) throws Exception;
    }

    private Parallel() {}

    static void run(String label, int tasks, int workers, java.util.function.IntFunction<String> describe, Task task)
            throws StageFailedException {
        if (tasks == 0) return;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, tasks)), r -> {
            Thread t = new Thread(r, "winnow-dedup");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                task.run(k);
                return null;
            }));
        }
        pool.shutdown();
        try {
            for (int k = 0; k < futures.size(); k++) {
                try {
                    futures.get(k).get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    Throwable c = e.getCause();
                    throw new StageFailedException(label + ": failed on " + describe.apply(k) + ": "
                            + (c.getMessage() == null ? c.toString() : c.getMessage()), c);
                }
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new StageFailedException(label + ": interrupted", e);
        }
    }
}
