package io.winnow.core.step;

import io.winnow.core.doc.Document;

/** A step that transforms each document (usually in place) and passes it on. */
public abstract class Mapper implements Step {
    private final String name;

    protected Mapper(String name) {
        this.name = name;
    }

    @Override
    public final String name() { return name; }

    /** Returns the transformed document (often {@code doc} itself, edited). */
    protected abstract Document map(Document doc);

    @Override
    public final void process(Document doc, Emitter out) {
        out.emit(map(doc));
    }
}
