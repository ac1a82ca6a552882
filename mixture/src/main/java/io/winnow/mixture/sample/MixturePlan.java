package io.winnow.mixture.sample;

import io.winnow.mixture.config.MixtureConfig;
import io.winnow.mixture.config.SourceSpec;
import io.winnow.mixture.count.SourceTally;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the counts of pass 1 into a token target and a sampling scale per source.
 * <ul>
 * <li>every source has a share: total = {@code token_budget}, or if none the largest mix that repeats no
 *     source (min over sources of tokens / share); target = share x total;
 * <li>sources with {@code rate}/{@code epochs} take rate x their tokens; the others' shares are of the total,
 *     which is then (fixed tokens) / (1 - sum of shares).
 * </ul>
 * A training document of weight w is then expected {@code min(max_epochs, scale x w)} times, a validation
 * document {@code min(1, scale x w)} times, with the scale chosen so the source's expected tokens (both
 * splits) equal its target ({@link SourceTally#scaleFor}).
 */
public final class MixturePlan {
    /** The plan of one source. */
    public record SourcePlan(String name, String mode, double targetShare, double targetTokens, long availableTokens,
                             double epochs, double scale) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("mode", mode);
            m.put("target_share", targetShare);
            m.put("target_tokens", Math.round(targetTokens));
            m.put("available_tokens", availableTokens);
            m.put("epochs", epochs);
            m.put("scale", scale);
            return m;
        }
    }

    private final List<SourcePlan> sources;
    private final double totalTokens;

    private MixturePlan(List<SourcePlan> sources, double totalTokens) {
        this.sources = sources;
        this.totalTokens = totalTokens;
    }

    public List<SourcePlan> sources() { return sources; }

    public double totalTargetTokens() { return totalTokens; }

    /** The plan, or an {@link IllegalArgumentException} that says which source cannot meet its target and why. */
    public static MixturePlan compute(MixtureConfig cfg, List<SourceTally> tallies) {
        List<SourceSpec> specs = cfg.sources;
        double shares = 0;
        double fixedTokens = 0;
        for (int i = 0; i < specs.size(); i++) {
            SourceSpec s = specs.get(i);
            SourceTally t = tallies.get(i);
            if (t.sampleableTokens() <= 0) {
                throw new IllegalArgumentException("source '" + s.name + "' (sources[" + i + "]) has no tokens to sample: "
                        + t.docs + " documents passed its filters" + (t.zeroWeightDocs > 0 ? ", " + t.zeroWeightDocs + " of them with weight 0" : "")
                        + "; check its paths and filters");
            }
            if (s.hasShare()) shares += s.share;
            else fixedTokens += s.fixedRate() * t.sampleableTokens();
        }
        double total;
        String how;
        if (cfg.allShares()) {
            if (cfg.tokenBudget != null) {
                total = cfg.tokenBudget;
                how = "token_budget";
            } else {
                total = Double.POSITIVE_INFINITY;
                for (int i = 0; i < specs.size(); i++) total = Math.min(total, tallies.get(i).sampleableTokens() / specs.get(i).share);
                total = Math.floor(total);
                how = "largest mix without repeats";
            }
        } else {
            total = fixedTokens / (1 - shares);
            how = "fixed-rate sources";
        }
        List<SourcePlan> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            SourceSpec s = specs.get(i);
            SourceTally t = tallies.get(i);
            double avail = t.sampleableTokens();
            double target = s.hasShare() ? s.share * total : s.fixedRate() * avail;
            double epochs = target / avail;
            if (epochs > cfg.maxEpochs * (1 + 1e-9) || target > t.maxTokens(cfg.maxEpochs, cfg.validationShare) * (1 + 1e-9)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "source '%s' (sources[%d]) would need %.2f epochs of its %,d tokens to reach %,.0f tokens (%s, total %,.0f); "
                                + "max_epochs is %s (validation documents are taken once): lower token_budget or its share, or raise max_epochs",
                        s.name, i, epochs, (long) avail, target, how, total, fmt(cfg.maxEpochs)));
            }
            double scale = t.scaleFor(target, cfg.maxEpochs, cfg.validationShare);
            String mode = s.share != null ? "share" : s.rate != null ? "rate" : "epochs";
            out.add(new SourcePlan(s.name, mode, target / total, target, t.tokens, epochs, scale));
        }
        return new MixturePlan(List.copyOf(out), total);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_target_tokens", Math.round(totalTokens));
        List<Map<String, Object>> s = new ArrayList<>();
        for (SourcePlan p : sources) s.add(p.toMap());
        m.put("sources", s);
        return m;
    }
}
