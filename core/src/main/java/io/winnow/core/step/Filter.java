package io.winnow.core.step;

import io.winnow.core.doc.Document;

/**
 * A step that keeps or rejects each document. The loop, counting and rejection bookkeeping live
 * here; a concrete filter only says which rule, if any, the document breaks.
 */
public abstract class Filter implements Step {
    private final String name;

    protected Filter(String name) {
        this.name = name;
    }

    @Override
    public final String name() { return name; }

    /** Returns null to keep the document, or the name of the rule that rejects it. */
    protected abstract String check(Document doc);

    @Override
    public final void process(Document doc, Emitter out) {
        String rule = check(doc);
        if (rule == null) {
            out.emit(doc);
        } else {
            out.reject(doc, rule);
        }
    }
}
