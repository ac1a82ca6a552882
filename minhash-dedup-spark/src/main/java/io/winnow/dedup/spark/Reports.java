package io.winnow.dedup.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.winnow.core.shard.Compression;
import io.winnow.core.util.AtomicFiles;
import io.winnow.dedup.DedupPlan;
import io.winnow.dedup.verify.VerifyMethod;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The cluster and pair reports, in the local engine's format and order. Rows come to the driver
 * one partition at a time ({@code toLocalIterator}) and go straight to the file.
 */
final class Reports {
    private Reports() {}

    static void clusters(Dataset<Row> members, Dataset<Row> info, Path file) throws IOException {
        Dataset<Row> grouped = members.groupBy("comp").agg(sort_array(collect_list(struct(col("node"), col("id")))).as("m"))
                .join(info, "comp").orderBy("comp");
        try (Report w = new Report(file)) {
            Iterator<Row> it = grouped.toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                long kept = r.getLong(r.fieldIndex("kept"));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("cluster", kept);
                m.put("kept_id", SparkDedupEngine.keptIdOf(r.isNullAt(r.fieldIndex("kept_id")) ? null : r.getString(r.fieldIndex("kept_id")), kept));
                m.put("kept_in_earlier_batch", false);
                m.put("size", (int) r.getLong(r.fieldIndex("size")));
                List<String> ids = new ArrayList<>();
                for (Row x : r.<Row>getList(r.fieldIndex("m"))) ids.add(SparkDedupEngine.keptIdOf(x.isNullAt(1) ? null : x.getString(1), x.getLong(0)));
                m.put("members", ids);
                w.line(AtomicFiles.json().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
            }
        }
    }

    static void pairs(Dataset<Row> scored, Dataset<Row> docs, DedupPlan plan, Path file) throws IOException {
        Dataset<Row> ids = docs.select(col("g"), col("id"));
        Dataset<Row> named = scored.join(ids.withColumnRenamed("id", "id_g"), "g")
                .join(ids.withColumnRenamed("g", "a").withColumnRenamed("id", "id_a"), "a")
                .orderBy("g", "a");
        boolean verified = plan.verify() != VerifyMethod.NONE;
        try (Report w = new Report(file)) {
            w.line("doc_id_a\tdoc_id_b\tsimilarity\taccepted");
            Iterator<Row> it = named.toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                long g = r.getLong(r.fieldIndex("g"));
                long a = r.getLong(r.fieldIndex("a"));
                String ia = SparkDedupEngine.keptIdOf(r.isNullAt(r.fieldIndex("id_a")) ? null : r.getString(r.fieldIndex("id_a")), a);
                String ig = SparkDedupEngine.keptIdOf(r.isNullAt(r.fieldIndex("id_g")) ? null : r.getString(r.fieldIndex("id_g")), g);
                String sim = "";
                boolean ok = true;
                if (verified) {
                    float f = r.getFloat(r.fieldIndex("sim"));
                    sim = String.format(Locale.ROOT, "%.6f", f);
                    ok = f >= plan.verifyThreshold();
                }
                w.line(ia + "\t" + ig + "\t" + sim + "\t" + (ok ? 1 : 0));
            }
        }
    }

    /** A zstd text file written under a temp name and renamed on close. */
    private static final class Report implements AutoCloseable {
        private final Path target;
        private final Path tmp;
        private final Writer w;

        Report(Path target) throws IOException {
            Files.createDirectories(target.getParent());
            this.target = target;
            this.tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            this.w = new OutputStreamWriter(Compression.ZSTD.encode(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16), -1),
                    StandardCharsets.UTF_8);
        }

        void line(String s) throws IOException {
            w.write(s);
            w.write('\n');
        }

        @Override
        public void close() throws IOException {
            w.close();
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
