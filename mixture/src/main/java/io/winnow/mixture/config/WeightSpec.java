package io.winnow.mixture.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One factor of a document's sampling weight (a document's weight is the product of its factors). Either
 * a score: {@code value = field (or default) clamped to [min, max]; factor = value ^ power}
 * <pre>
 *   - field: scores.quality          # higher quality, sampled more (linear)
 *   - field: scores.dup_cluster_size # one cluster of n near-duplicates counts about once
 *     power: -1
 *     min: 1
 *   - field: scores.upsample         # an explicit multiplier set upstream
 * </pre>
 * or a condition: {@code factor} when {@code when} holds, else 1
 * <pre>
 *   - when: "metadata.site in [gov.cn, who.int]"
 *     factor: 2.0
 * </pre>
 */
public final class WeightSpec {
    public String field;
    public double power = 1.0;
    /** Value used when the document lacks the field; absent means the factor is 1 for such documents. */
    @JsonProperty("default")
    public Double defaultValue;
    public Double min;
    public Double max;
    public String when;
    public Double factor;

    /** Checks the entry; messages start with the key below {@code prefix} that is wrong. */
    void check(String prefix) {
        boolean byField = field != null;
        boolean byWhen = when != null;
        if (byField == byWhen) throw new Invalid(prefix, "give either 'field' (a score) or 'when' (a condition) with 'factor'");
        if (byField) {
            if (factor != null) throw new Invalid(prefix + ".factor", "'factor' goes with 'when'; a field's factor is its value ^ power");
            try {
                new FieldPath(field);
            } catch (IllegalArgumentException e) {
                throw new Invalid(prefix + ".field", e.getMessage());
            }
            if (!Double.isFinite(power)) throw new Invalid(prefix + ".power", "must be a finite number");
            if (min != null && max != null && min > max) throw new Invalid(prefix + ".min", "is above max (" + max + ")");
            if (power < 0 && (min == null || min <= 0)) {
                throw new Invalid(prefix + ".min", "a negative power needs a positive min (a value of 0 would give an infinite weight)");
            }
            if (defaultValue != null && (!Double.isFinite(defaultValue))) throw new Invalid(prefix + ".default", "must be a finite number");
        } else {
            if (factor == null) throw new Invalid(prefix + ".factor", "give the factor applied when the condition holds");
            if (!(factor >= 0) || !Double.isFinite(factor)) throw new Invalid(prefix + ".factor", "must be a number >= 0");
            try {
                DocFilter.parse(when);
            } catch (IllegalArgumentException e) {
                throw new Invalid(prefix + ".when", e.getMessage());
            }
        }
    }

    /** A config mistake at one key, turned into a ConfigException by {@link MixtureConfig#bind}. */
    static final class Invalid extends RuntimeException {
        final String key;

        Invalid(String key, String problem) {
            super(problem);
            this.key = key;
        }
    }
}
