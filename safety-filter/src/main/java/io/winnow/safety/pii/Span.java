package io.winnow.safety.pii;

/** A detected piece of personal data: {@code text[start, end)}. */
public record Span(int start, int end, PiiKind kind) {}
