package io.winnow.dedup.output;

import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Applies the dedup verdicts to a shard, in input order: a document in a cluster that is not the
 * kept one is rejected as {@code near_duplicate} with {@code metadata.dup_cluster} and
 * {@code metadata.duplicate_of} (the kept document's id); every kept document gets
 * {@code scores.dup_cluster_size} (1 when it has no near-duplicate), which the mixture stage uses
 * to weight sampling, and {@code metadata.dup_cluster} when it has.
 */
public final class DecisionStep implements Step {
    public static final String RULE = "near_duplicate";
    public static final String CLUSTER = "dup_cluster";
    public static final String DUPLICATE_OF = "duplicate_of";
    public static final String CLUSTER_SIZE = "dup_cluster_size";

    private final String name;
    private final Path dir;
    private Decisions decisions;
    private int next;
    private long ordinal;

    public DecisionStep(String name, Path decisionsDir) {
        this.name = name;
        this.dir = decisionsDir;
    }

    @Override
    public String name() { return name; }

    @Override
    public void open(StepContext context) {
        try {
            decisions = Decisions.read(Decisions.file(dir, context.shardIndex()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        next = 0;
        ordinal = 0;
    }

    @Override
    public void process(Document doc, Emitter out) {
        long ord = ordinal++;
        while (next < decisions.size() && decisions.ordinal(next) < ord) next++;
        if (next < decisions.size() && decisions.ordinal(next) == ord) {
            int i = next++;
            if (decisions.kind(i) == Decisions.REMOVED) {
                doc.metadata().put(CLUSTER, decisions.cluster(i));
                if (decisions.keptId(i) != null) doc.metadata().put(DUPLICATE_OF, decisions.keptId(i));
                out.reject(doc, RULE);
                return;
            }
            doc.scores().put(CLUSTER_SIZE, decisions.clusterSize(i));
            doc.metadata().put(CLUSTER, decisions.cluster(i));
            out.count("kept_with_duplicates", 1);
            out.emit(doc);
            return;
        }
        doc.scores().put(CLUSTER_SIZE, 1);
        out.emit(doc);
    }
}
