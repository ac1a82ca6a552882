package io.winnow.dedup.spark;

import io.winnow.dedup.DedupSettings;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session a dedup run uses: the active one when there is one (a test, a notebook, a
 * spark-submit driver that made one already), otherwise a new one that the run stops at the end.
 * Under spark-submit the master and every {@code spark.*} setting come from it; on its own the
 * engine runs on {@code spark.master} from the settings, by default {@code local[*]}.
 */
final class SparkSessions {
    private SparkSessions() {}

    record Handle(SparkSession spark, boolean owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned) spark.stop();
        }
    }

    static Handle get(DedupSettings.Spark s) {
        scala.Option<SparkSession> active = SparkSession.getActiveSession();
        if (active.isDefined()) {
            SparkSession spark = active.get();
            if (s.partitions > 0) spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(s.partitions));
            return new Handle(spark, false);
        }
        SparkConf conf = new SparkConf(); // picks up spark.* system properties (spark-submit)
        if (!conf.contains("spark.master")) conf.setMaster(s.master != null ? s.master : "local[*]");
        if (conf.get("spark.master").startsWith("local")) {
            // one machine: stay on loopback, no web UI, few shuffle partitions
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(4 * Runtime.getRuntime().availableProcessors()));
        }
        if (s.partitions > 0) conf.set("spark.sql.shuffle.partitions", Integer.toString(s.partitions));
        for (Map.Entry<String, String> e : s.conf.entrySet()) conf.set(e.getKey(), e.getValue());
        conf.setIfMissing("spark.app.name", "winnow dedup");
        return new Handle(SparkSession.builder().config(conf).getOrCreate(), true);
    }
}
