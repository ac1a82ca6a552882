package io.winnow.core.steps;

import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.step.Filter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepContext;
import io.winnow.core.step.StepFactory;
import io.winnow.core.util.StringHash;
import java.nio.charset.StandardCharsets;

/**
 * Keeps a fraction {@code rate} of documents. The choice is a hash of the seed and the document id
 * (or text when there is no id), so it does not depend on order, shard or worker count, and the
 * same seed keeps the same documents in every run.
 */
public final class SampleFilter extends Filter {
    public static final class Params implements Config.Validatable {
        public double rate = 1.0;
        /** Overrides the stage seed for this step when set. */
        public Long seed;

        @Override
        public void validate() {
            if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("rate must be between 0 and 1");
        }
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "sample"; }
        @Override public String description() { return "keep a deterministic fraction `rate` of documents (hash of seed and id)"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new SampleFilter(name, p.rate, p.seed); }
    }

    private final double rate;
    private final Long fixedSeed;
    private long seed;

    public SampleFilter(String name, double rate, Long seed) {
        super(name);
        this.rate = rate;
        this.fixedSeed = seed;
        this.seed = seed == null ? 0 : seed;
    }

    @Override
    public void open(StepContext context) {
        if (fixedSeed == null) seed = context.seed();
    }

    @Override
    protected String check(Document doc) {
        String key = doc.id() != null ? doc.id() : doc.text();
        return unit(seed, key) < rate ? null : "sampled_out";
    }

    /** A uniform number in [0, 1) from the seed and key (64-bit FNV-1a, then a SplitMix finalizer). */
    static double unit(long seed, String key) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return (StringHash.fmix64(h) >>> 11) * 0x1.0p-53;
    }
}
