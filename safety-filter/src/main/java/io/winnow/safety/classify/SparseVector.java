package io.winnow.safety.classify;

/** A feature vector: sorted distinct bucket indices and their values. */
public record SparseVector(int[] index, float[] value) {
    public int size() { return index.length; }
}
