package io.winnow.safety.classify;

import io.winnow.core.doc.Document;
import io.winnow.core.shard.BadRecord;
import io.winnow.core.shard.ShardFiles;
import io.winnow.core.shard.ShardReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads labelled documents from shards (.jsonl, .gz, .zst, or directories of them): the text from a
 * field ({@code text} or any top-level string field such as {@code raw}) and the label from a field
 * at the top level, in {@code metadata} or in {@code scores} (or a path such as {@code metadata.label}).
 * Unreadable records go to the bad-record callback; documents without a label are skipped and counted.
 */
public final class LabelledDocs {
    /** One labelled text; {@code ordinal} is its position in the input (for stable splits when ids are missing). */
    public record Example(String id, long ordinal, String text, String label) {}

    /** What reading found besides the examples. */
    public static final class Counts {
        public long unlabelled;
        public long noText;
        public long badRecords;
    }

    private LabelledDocs() {}

    public static Counts read(List<Path> inputs, String textField, String labelField, Consumer<Example> out,
                              Consumer<BadRecord> bad) throws IOException {
        Counts c = new Counts();
        long ordinal = 0;
        for (Path shard : ShardFiles.list(inputs)) {
            try (ShardReader r = new ShardReader(shard, ShardReader.DEFAULT_MAX_RECORD_BYTES, b -> {
                c.badRecords++;
                bad.accept(b);
            })) {
                Document d;
                while ((d = r.next()) != null) {
                    long ord = ordinal++;
                    String text = text(d, textField);
                    if (text == null) {
                        c.noText++;
                        continue;
                    }
                    String label = label(d, labelField);
                    if (label == null) {
                        c.unlabelled++;
                        continue;
                    }
                    out.accept(new Example(d.id(), ord, text, label));
                }
            }
        }
        return c;
    }

    static String text(Document d, String field) {
        if (field.equals("text")) return d.text();
        Object v = d.hasExtra() ? d.extra().get(field) : null;
        return v instanceof String s ? s : null;
    }

    static String label(Document d, String field) {
        Object v;
        if (field.startsWith("metadata.")) {
            v = d.hasMetadata() ? d.metadata().get(field.substring(9)) : null;
        } else if (field.startsWith("scores.")) {
            v = d.hasScores() ? d.scores().get(field.substring(7)) : null;
        } else {
            v = d.hasExtra() ? d.extra().get(field) : null;
            if (v == null && d.hasMetadata()) v = d.metadata().get(field);
            if (v == null && d.hasScores()) v = d.scores().get(field);
            if (v == null && field.equals("lang")) v = d.lang();
            if (v == null && field.equals("source")) v = d.source();
        }
        if (v == null || v instanceof Map || v instanceof List) return null;
        String s = String.valueOf(v).strip();
        return s.isEmpty() ? null : s;
    }
}
