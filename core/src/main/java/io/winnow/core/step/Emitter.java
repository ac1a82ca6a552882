package io.winnow.core.step;

import io.winnow.core.doc.Document;

/** Where a step sends its output. */
public interface Emitter {
    /** Passes a document on to the next step. */
    void emit(Document doc);

    /** Drops a document; it is written to {@code rejected/} with {@code reject_reason = step:rule}. */
    void reject(Document doc, String rule);
}
