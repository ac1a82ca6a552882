package io.winnow.core.step;

import io.winnow.core.doc.Document;

/**
 * One step of a pipeline: sees each document once, in shard order, and emits zero or more
 * documents downstream or rejects them with a rule name.
 *
 * <p>Most steps are a {@link Filter} (keep or reject) or a {@link Mapper} (edit in place). Steps
 * that split a document emit several; steps that merge hold documents back and emit them later,
 * at the latest in {@link #finish}. A fresh instance runs for every shard, so fields are safe for
 * per-shard state; memory held across documents must be bounded by the step's own settings.
 */
public interface Step {
    /** Name used in reject reasons ({@code name:rule}) and in stats; unique within a pipeline. */
    String name();

    /** Called once per shard before the first document. */
    default void open(StepContext context) {}

    void process(Document doc, Emitter out);

    /** Called once after the last document of the shard: emit anything still held. */
    default void finish(Emitter out) {}
}
