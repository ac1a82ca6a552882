package io.winnow.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session a stage runs in: the active one when there is one (spark-submit's driver, a test,
 * a notebook), otherwise a new one that the caller stops when the stage is done. A new session takes
 * its master and settings from {@code spark.*} system properties (spark-submit sets them;
 * {@code bin/winnow-spark} passes {@code WINNOW_JAVA_OPTS="-Dspark.master=local[4]"}) and
 * {@code conf}, and runs on {@code local[*]} when nothing names a master.
 */
public final class SparkSessions {
    private SparkSessions() {}

    /** A session and whether this run made it (and so stops it). */
    public record Handle(SparkSession spark, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) spark.stop();
        }
    }

    /**
     * @param master     master URL when neither spark-submit nor a system property gives one; null = {@code local[*]}
     * @param partitions shuffle partitions; 0 = the default (4 per core on one machine)
     * @param conf       extra {@code spark.*} settings
     */
    public static Handle get(String appName, String master, int partitions, Map<String, String> conf) {
        scala.Option<SparkSession> active = SparkSession.getActiveSession();
        if (active.isDefined()) {
            SparkSession spark = active.get();
            if (partitions > 0) spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(partitions));
            return new Handle(spark, false);
        }
        SparkConf c = new SparkConf(); // picks up spark.* system properties (spark-submit, -D)
        if (!c.contains("spark.master")) c.setMaster(master != null ? master : "local[*]");
        if (c.get("spark.master").startsWith("local")) {
            // one machine: stay on loopback, no web UI, few shuffle partitions
            c.setIfMissing("spark.driver.host", "127.0.0.1");
            c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            c.setIfMissing("spark.ui.enabled", "false");
            c.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(4 * Runtime.getRuntime().availableProcessors()));
        }
        if (partitions > 0) c.set("spark.sql.shuffle.partitions", Integer.toString(partitions));
        for (Map.Entry<String, String> e : conf.entrySet()) c.set(e.getKey(), e.getValue());
        c.setIfMissing("spark.app.name", appName);
        return new Handle(SparkSession.builder().config(c).getOrCreate(), true);
    }
}
