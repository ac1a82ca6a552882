package io.winnow.core.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs numbered tasks (usually one per shard) on a fixed pool of daemon threads. The first failure, in task
 * order, cancels the rest and becomes a {@link StageFailedException} that names the stage and the task.
 */
public final class ParallelTasks {
    /** One task; its index is its position in the plan (a shard number). */
    @FunctionalInterface
    public interface Task {
        void run(int index) throws Exception;
    }

    private ParallelTasks() {}

    public static void run(String label, int tasks, int workers, IntFunction<String> describe, Task task) throws StageFailedException {
        run(label, tasks, workers, describe, "", () -> { }, task);
    }

    /**
     * @param describe  names task k in the error (e.g. its input file)
     * @param hint      appended to the failure message (e.g. what a re-run does)
     * @param onFailure runs before the pool is stopped, so tasks still running can see the cancellation
     */
    public static void run(String label, int tasks, int workers, IntFunction<String> describe, String hint, Runnable onFailure,
                           Task task) throws StageFailedException {
        if (tasks == 0) return;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, tasks)), r -> {
            Thread t = new Thread(r, "winnow-" + label);
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                task.run(k);
                return null;
            }));
        }
        pool.shutdown();
        try {
            for (int k = 0; k < tasks; k++) {
                try {
                    futures.get(k).get();
                } catch (ExecutionException e) {
                    onFailure.run();
                    pool.shutdownNow();
                    Throwable c = e.getCause();
                    throw new StageFailedException(label + ": failed on " + describe.apply(k) + ": " + message(c) + hint, c);
                }
            }
        } catch (InterruptedException e) {
            onFailure.run();
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new StageFailedException(label + ": interrupted", e);
        }
    }

    static String message(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
