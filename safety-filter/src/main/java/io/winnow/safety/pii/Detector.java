package io.winnow.safety.pii;

import java.util.List;

/** Finds one kind of personal data; every candidate is verified (checksum, range, context) before it is reported. */
public interface Detector {
    PiiKind kind();

    /** Adds the verified spans found in {@code text} to {@code out}, in text order. */
    void find(String text, List<Span> out);
}
