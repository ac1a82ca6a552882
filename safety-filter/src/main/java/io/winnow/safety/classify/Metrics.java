package io.winnow.safety.classify;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of a binary decision against the truth, and the usual measures. */
public final class Metrics {
    public long tp;
    public long fp;
    public long fn;
    public long tn;

    public void add(boolean predicted, boolean actual) {
        if (predicted && actual) tp++;
        else if (predicted) fp++;
        else if (actual) fn++;
        else tn++;
    }

    public long total() { return tp + fp + fn + tn; }

    public double precision() { return tp + fp == 0 ? 0 : (double) tp / (tp + fp); }

    public double recall() { return tp + fn == 0 ? 0 : (double) tp / (tp + fn); }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double accuracy() { return total() == 0 ? 0 : (double) (tp + tn) / total(); }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("examples", total());
        m.put("true_positives", tp);
        m.put("false_positives", fp);
        m.put("false_negatives", fn);
        m.put("true_negatives", tn);
        m.put("precision", round(precision()));
        m.put("recall", round(recall()));
        m.put("f1", round(f1()));
        m.put("accuracy", round(accuracy()));
        return m;
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "precision %.4f, recall %.4f, F1 %.4f, accuracy %.4f (%d examples: %d TP, %d FP, %d FN, %d TN)",
                precision(), recall(), f1(), accuracy(), total(), tp, fp, fn, tn);
    }
}
