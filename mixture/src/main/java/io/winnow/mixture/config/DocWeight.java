package io.winnow.mixture.config;

import io.winnow.core.doc.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * A document's sampling weight: the product of the configured factors (1 with none). Weights only shape
 * the sampling inside a source; the source's token target fixes the scale.
 */
public final class DocWeight {
    private final Factor[] factors;
    private final String description;

    private DocWeight(List<Factor> factors, String description) {
        this.factors = factors.toArray(new Factor[0]);
        this.description = description;
    }

    static DocWeight of(List<WeightSpec> specs) {
        List<Factor> fs = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (WeightSpec s : specs == null ? List.<WeightSpec>of() : specs) {
            if (s.field != null) {
                fs.add(new ScoreFactor(new FieldPath(s.field), s.power, s.defaultValue,
                        s.min == null ? Double.NEGATIVE_INFINITY : s.min, s.max == null ? Double.POSITIVE_INFINITY : s.max));
                StringBuilder t = new StringBuilder(s.field);
                if (s.defaultValue != null || s.min != null || s.max != null) {
                    List<String> opts = new ArrayList<>();
                    if (s.defaultValue != null) opts.add("default " + num(s.defaultValue));
                    if (s.min != null || s.max != null) {
                        opts.add("in [" + (s.min == null ? "-inf" : num(s.min)) + ", " + (s.max == null ? "inf" : num(s.max)) + "]");
                    }
                    t.append(" (").append(String.join(", ", opts)).append(')');
                }
                if (s.power != 1) t.append('^').append(num(s.power));
                text.add(t.toString());
            } else {
                fs.add(new WhenFactor(DocFilter.parse(s.when), s.factor));
                text.add("(" + s.when + " ? " + num(s.factor) + " : 1)");
            }
        }
        return new DocWeight(fs, fs.isEmpty() ? "1" : String.join(" * ", text));
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** The weight, finite and at least 0. */
    public double weight(Document d) {
        double w = 1.0;
        for (Factor f : factors) w *= f.factor(d);
        return w;
    }

    public boolean isUniform() { return factors.length == 0; }

    @Override
    public String toString() { return description; }

    private interface Factor {
        double factor(Document d);
    }

    private record ScoreFactor(FieldPath field, double power, Double dflt, double min, double max) implements Factor {
        @Override
        public double factor(Document d) {
            double v = field.number(d);
            if (Double.isNaN(v)) {
                if (dflt == null) return 1.0;
                v = dflt;
            }
            v = Math.max(min, Math.min(max, v));
            if (v <= 0) return power > 0 ? 0 : power == 0 ? 1 : 0; // a negative power has min > 0, checked at load
            double f = power == 1 ? v : Math.pow(v, power);
            return Double.isFinite(f) ? f : Double.MAX_VALUE;
        }
    }

    private record WhenFactor(DocFilter when, double factor) implements Factor {
        @Override
        public double factor(Document d) { return when.test(d) ? factor : 1.0; }
    }
}
