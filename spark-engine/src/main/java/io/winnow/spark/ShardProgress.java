package io.winnow.spark;

import io.winnow.core.exec.StageJob;
import io.winnow.core.progress.Progress;
import io.winnow.core.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Progress on the driver from Spark's task events: each finished task (one shard) adds its input
 * bytes and the documents its completion marker counts.
 */
final class ShardProgress extends SparkListener {
    private final String group;
    private final StageJob job;
    private final List<Integer> todo;
    private final Progress progress;
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();

    ShardProgress(String group, StageJob job, List<Integer> todo, Progress progress) {
        this.group = group;
        this.job = job;
        this.todo = todo;
        this.progress = progress;
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        if (start.properties() != null && group.equals(start.properties().getProperty("spark.jobGroup.id"))) {
            for (Object id : scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds())) stages.add((Integer) id);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (!stages.contains(end.stageId()) || !(end.reason() instanceof Success$)) return;
        int k = end.taskInfo().index();
        if (k < 0 || k >= todo.size()) return;
        int shard = todo.get(k);
        try {
            Path input = job.inputs().get(shard);
            progress.addBytes(job.format().size(shard, input));
            progress.addDocs(AtomicFiles.json().readTree(job.layout().marker(shard).toFile()).path("docs_read").asLong());
        } catch (IOException e) {
            // progress only: a marker on a filesystem this driver cannot read yet is no error
        }
        progress.shardDone();
    }
}
