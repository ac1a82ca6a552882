package io.winnow.core.step;

import io.winnow.core.doc.Document;

/** Where a step sends its output. */
public interface Emitter {
    /** Passes a document on to the next step. */
    void emit(Document doc);

    /** Drops a document; it is written to {@code rejected/} with {@code reject_reason = step:rule}. */
    void reject(Document doc, String rule);

    /**
     * Adds to a named counter of this step (e.g. lines or bytes a rule removed inside documents);
     * counters are summed over shards and reported under the step in stats.json.
     */
    default void count(String counter, long amount) {}
}
