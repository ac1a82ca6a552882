package io.winnow.spark;

import io.winnow.core.engine.JobRecipe;
import io.winnow.core.exec.LocalExecutor;
import io.winnow.core.exec.StageJob;

/** What a Spark task does for one input shard, and how its failure reads on the driver. */
final class ShardTask {
    /** Prefix of a task failure's message, so the driver can find it under Spark's wrapping. */
    static final String FAILED_ON = "failed on ";

    private ShardTask() {}

    static void run(JobRecipe recipe, int shard) {
        StageJob job = recipe.job();
        try {
            LocalExecutor.runShard(job, shard);
        } catch (Exception e) {
            throw new ShardFailure(FAILED_ON + job.inputs().get(shard) + ": " + message(e), e);
        }
    }

    /** The task's own message when Spark kept the cause (it does in local mode), else Spark's first line. */
    static String failure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ShardFailure) return t.getMessage();
        }
        String m = message(e);
        int at = m.indexOf(FAILED_ON);
        if (at >= 0) m = m.substring(at);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** A shard task that failed, naming its input. */
    static final class ShardFailure extends RuntimeException {
        ShardFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
