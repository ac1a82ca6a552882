package io.winnow.clean.dedup;

import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepContext;

/**
 * Keeps a document only if it is the copy the {@link ExactDedupIndex} chose for its text hash;
 * a duplicate is rejected ({@code exact_dedup:duplicate}) with {@code metadata.duplicate_of} set to
 * the kept copy's id. Must see documents in shard order, right after the steps that ran before
 * the index was built, so its ordinals match the scan's.
 */
public final class ExactDedupFilter implements Step {
    private final String name;
    private final ExactDedupIndex index;
    private int shard;
    private long ordinal;

    public ExactDedupFilter(String name, ExactDedupIndex index) {
        this.name = name;
        this.index = index;
    }

    @Override
    public String name() { return name; }

    @Override
    public void open(StepContext context) {
        shard = context.shardIndex();
        ordinal = 0;
    }

    @Override
    public void process(Document doc, Emitter out) {
        long mine = ordinal++;
        ExactDedupIndex.Position w = index.winner(TextHash.md5(doc.text()));
        if (w == null || w.samePlace(index.batch(), shard, mine)) {
            out.emit(doc);
            return;
        }
        if (w.id() != null) doc.metadata().put("duplicate_of", w.id());
        if (w.batch() != index.batch()) doc.metadata().put("duplicate_of_batch", w.batch());
        out.reject(doc, "duplicate");
    }
}
