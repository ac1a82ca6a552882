package io.winnow.spark;

import io.winnow.core.config.ConfigException;
import io.winnow.core.engine.Engine;
import io.winnow.core.engine.JobRecipe;
import io.winnow.core.exec.LocalExecutor;
import io.winnow.core.exec.StageFailedException;
import io.winnow.core.exec.StageJob;
import io.winnow.core.exec.StageResult;
import io.winnow.core.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --engine spark}: a stage's shard tasks as Spark tasks. The driver prepares the output exactly
 * as the local executor does (run file, resume check), then parallelizes the indexes of the shards
 * without a completion marker, one partition each; every task rebuilds the job from its
 * {@link JobRecipe} (once per executor JVM) and runs {@link LocalExecutor#runShard}, the local
 * executor's own task: same output names, markers, bad-record files and temp + rename. The driver
 * then writes {@code stats.json} from the markers. A run that dies resumes shard by shard on either engine.
 *
 * <p>Inputs and output must be on a filesystem every executor sees under the same path.
 */
public final class SparkEngine implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(SparkEngine.class);
    /** {@code false}: tasks in the driver's JVM rebuild the job from its recipe too, as executors elsewhere do. */
    public static final String REUSE_DRIVER_JOB = "spark.winnow.reuseDriverJob";
    private static final String HINT = " (finished shards are kept; run again to resume)";

    @Override
    public String name() { return "spark"; }

    @Override
    public StageResult run(StageJob job, JobRecipe recipe) throws IOException, StageFailedException {
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        LocalExecutor.prepare(job);
        List<Integer> todo = new ArrayList<>();
        long todoBytes = 0;
        for (int i = 0; i < job.inputs().size(); i++) {
            if (Files.exists(job.layout().marker(i))) continue;
            todo.add(i);
            todoBytes += job.format().size(i, job.inputs().get(i));
        }
        int resumed = job.inputs().size() - todo.size();
        if (resumed > 0) LOG.info("{}: resuming: {} of {} shards already done", job.stage(), resumed, job.inputs().size());

        if (!todo.isEmpty()) {
            long s0 = System.nanoTime();
            try (SparkSessions.Handle session = SparkSessions.get("winnow " + job.stage(), null, 0, Map.of());
                 Progress progress = new Progress(job.stage(), job.options().progress(), todoBytes, todo.size(), System.err).start()) {
                if (session.spark().sparkContext().getConf().getBoolean("spark.speculation", false)) {
                    // a speculative copy of a shard task would write the same temp files as the first one
                    throw new ConfigException("spark.speculation=true", null, "the Spark engine needs spark.speculation=false: "
                            + "two attempts of one shard must not run at once (failed tasks are still retried)");
                }
                LOG.info("{}: Spark {} ready in {} s; {} shard tasks", job.stage(), session.spark().sparkContext().master(),
                        String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - s0) / 1e9), todo.size());
                // tasks in this JVM (local[N]) use the driver's job as it is, unless told to rebuild it as on a cluster
                if (Boolean.parseBoolean(session.spark().conf().get(REUSE_DRIVER_JOB, "true"))) recipe.remember(job);
                JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.spark().sparkContext());
                String group = "winnow-" + job.stage() + "-" + UUID.randomUUID();
                ShardProgress listener = new ShardProgress(group, job, todo, progress);
                jsc.sc().addSparkListener(listener);
                jsc.setJobGroup(group, job.stage() + ": " + todo.size() + " shards", true);
                try {
                    jsc.parallelize(todo, todo.size()).foreach(i -> ShardTask.run(recipe, i));
                } catch (Exception e) { // SparkException is checked, but Scala throws it undeclared
                    throw new StageFailedException(job.stage() + ": " + ShardTask.failure(e) + HINT, e);
                } finally {
                    jsc.clearJobGroup();
                    jsc.sc().removeSparkListener(listener);
                }
            } finally {
                recipe.forget();
            }
        }
        StageResult result = LocalExecutor.summarize(job, started, resumed, (System.nanoTime() - t0) / 1e9);
        if (result.badRecords() > 0) {
            LOG.warn("{}: {} bad input records were skipped; they are kept in {}", job.stage(), result.badRecords(),
                    job.layout().badRecords());
        }
        return result;
    }
}
