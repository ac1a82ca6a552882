package io.winnow.dedup.verify;

/** Jaccard similarity of sets stored as sorted arrays without repeats. */
public final class Jaccard {
    private Jaccard() {}

    /** |A ∩ B| / |A ∪ B| for sorted, repeat-free arrays; 0 when both are empty. */
    public static double of(int[] a, int na, int[] b, int nb) {
        if (na == 0 && nb == 0) return 0;
        int i = 0, j = 0, inter = 0;
        while (i < na && j < nb) {
            int x = a[i], y = b[j];
            if (x == y) {
                inter++;
                i++;
                j++;
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return (double) inter / (na + nb - inter);
    }

    /** Share of equal positions of two truncated signatures (their Jaccard estimate). */
    public static double agreement(int[] a, int[] b, int k) {
        int eq = 0;
        for (int i = 0; i < k; i++) if (a[i] == b[i]) eq++;
        return (double) eq / k;
    }
}
