package io.winnow.mixture.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A mixture: named sources with token shares (or fixed rates), document filters, score weights, a token
 * budget, the tokenizer and where the packed shards go. Checked into git under {@code configs/mixtures/}.
 * <pre>
 * name: quickstart
 * output: build/mix/quickstart             # `winnow mix` only; in a pipeline the stage directory
 * tokenizer: build/tokenizer/quickstart.model   # in a pipeline, "previous": the model of the tokenizer stage before
 * eod: "&lt;/s&gt;"                              # default: the model's eos piece
 * seed: 42
 * token_budget: 500000                     # train + validation tokens; default: the largest mix without repeats
 * validation_share: 0.01
 * filters: ["lang in [en, zh]", "not exists scores.toxicity or scores.toxicity &lt; 0.3"]
 * weights: [{field: scores.quality, default: 0.5}]
 * sources:
 *   - {name: en, filters: ["lang == en"], share: 0.6}
 *   - {name: zh, filters: ["lang == zh"], share: 0.4}
 * </pre>
 * Shares: every source has a share (they add up to 1), or some sources have {@code rate}/{@code epochs}
 * and the shares of the others add up to less than 1 (the fixed sources then set the total).
 */
public final class MixtureConfig {
    public String name = "mixture";
    /** Where the mix goes (not part of the config's identity: the same mix may be written anywhere). */
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public String output;
    public String tokenizer;
    /** {@code tokenizer: previous} in a pipeline: use the model the tokenizer stage right before the mix wrote. */
    public static final String PREVIOUS_TOKENIZER = "previous";
    public String eod;
    public boolean appendEod = true;
    /** Shuffle documents with the seed (default); false keeps input order (shard by shard, document by document), as Megatron's preprocess_data.py writes. */
    public boolean shuffle = true;
    public Long seed;
    public Long tokenBudget;
    /** Most times one document may be repeated to reach a target (4: Muennighoff et al. 2023, "repeating up to 4 epochs is almost as good as new data"). */
    public double maxEpochs = 4;
    public double validationShare = 0.01;
    public int shardSizeMb = 1024;
    /** Token cache shared between runs (a location, not part of the config's identity). */
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public String cacheDir;
    /** Achieved minus target share beyond which the report warns (absolute, e.g. 0.01 = one percentage point). */
    public double tolerance = 0.01;
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public List<String> filters;
    public List<WeightSpec> weights;
    public List<SourceSpec> sources;

    @JsonIgnore private List<DocFilter> compiledFilters = List.of();

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .propertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** Binds and checks a mixture config; every mistake is a ConfigException naming the key and where it came from. */
    public static MixtureConfig bind(Config config) {
        MixtureConfig m = config.bind(MixtureConfig.class);
        try {
            m.check();
        } catch (WeightSpec.Invalid e) {
            throw new ConfigException(config.sourceFor(e.key), e.key, e.getMessage());
        }
        return m;
    }

    private void check() {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) invalid("name", "use letters, digits, '.', '_' or '-'");
        if (tokenizer == null || tokenizer.isBlank()) {
            invalid("tokenizer", "give the SentencePiece .model file (make one with `winnow tokenizer train`)");
        }
        if (eod != null && eod.isEmpty()) invalid("eod", "give a piece such as </s>, or leave it out for the model's eos piece");
        if (!(maxEpochs >= 1) || !Double.isFinite(maxEpochs)) invalid("max_epochs", "must be a number >= 1");
        if (!(validationShare >= 0 && validationShare <= 0.5)) invalid("validation_share", "must be between 0 and 0.5");
        if (shardSizeMb < 1) invalid("shard_size_mb", "must be at least 1");
        if (!(tolerance > 0 && tolerance < 1)) invalid("tolerance", "must be between 0 and 1 (a share difference)");
        if (tokenBudget != null && tokenBudget < 1) invalid("token_budget", "must be a positive number of tokens");
        compiledFilters = compile(filters, "filters");
        DocWeight defaultWeight = compileWeights(weights, "weights");
        if (sources == null || sources.isEmpty()) invalid("sources", "list at least one source");
        Set<String> names = new HashSet<>();
        double shares = 0;
        int shareSources = 0;
        for (int i = 0; i < sources.size(); i++) {
            SourceSpec s = sources.get(i);
            String k = "sources[" + i + "]";
            if (s == null) invalid(k, "empty source");
            if (s.name == null || !s.name.matches("[A-Za-z0-9_.-]+")) invalid(k + ".name", "give a name of letters, digits, '.', '_' or '-'");
            if (!names.add(s.name)) invalid(k + ".name", "two sources are named '" + s.name + "'");
            int given = (s.share != null ? 1 : 0) + (s.rate != null ? 1 : 0) + (s.epochs != null ? 1 : 0);
            if (given != 1) invalid(k, "give exactly one of share (of the mixture's tokens), rate or epochs");
            if (s.share != null && !(s.share > 0 && s.share <= 1)) invalid(k + ".share", "must be in (0, 1]");
            String rk = s.rate != null ? k + ".rate" : k + ".epochs";
            Double r = s.fixedRate();
            if (r != null && !(r > 0 && r <= maxEpochs)) invalid(rk, "must be above 0 and at most max_epochs (" + maxEpochs + ")");
            if (s.paths != null) {
                for (int j = 0; j < s.paths.size(); j++) {
                    if (s.paths.get(j) == null || s.paths.get(j).isBlank()) invalid(k + ".paths[" + j + "]", "empty path");
                }
            }
            s.compiledFilters = compile(s.filters, k + ".filters");
            s.compiledWeight = s.weights == null ? defaultWeight : compileWeights(s.weights, k + ".weights");
            if (s.share != null) {
                shares += s.share;
                shareSources++;
            }
        }
        int fixed = sources.size() - shareSources;
        if (fixed == 0 && Math.abs(shares - 1) > 1e-6) {
            invalid("sources", String.format(java.util.Locale.ROOT, "the shares add up to %.6f; they must add up to 1", shares));
        }
        if (fixed > 0 && shareSources > 0 && shares >= 1 - 1e-9) {
            invalid("sources", String.format(java.util.Locale.ROOT,
                    "the shares add up to %.6f, leaving nothing for the sources with a rate or epochs; they must add up to less than 1", shares));
        }
        if (tokenBudget != null && fixed > 0) {
            invalid("token_budget", "sources with rate or epochs fix their own token count; use token_budget only when every source has a share");
        }
    }

    private static List<DocFilter> compile(List<String> texts, String key) {
        List<DocFilter> out = new ArrayList<>();
        if (texts == null) return out;
        for (int i = 0; i < texts.size(); i++) {
            try {
                out.add(DocFilter.parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                invalid(key + "[" + i + "]", e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static DocWeight compileWeights(List<WeightSpec> specs, String key) {
        if (specs == null) return DocWeight.of(List.of());
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i) == null) invalid(key + "[" + i + "]", "empty entry");
            specs.get(i).check(key + "[" + i + "]");
        }
        return DocWeight.of(specs);
    }

    private static void invalid(String key, String problem) {
        throw new WeightSpec.Invalid(key, problem);
    }

    /** Filters every document must pass, before the source's own. */
    public List<DocFilter> compiledFilters() { return compiledFilters; }

    public boolean allShares() {
        for (SourceSpec s : sources) if (!s.hasShare()) return false;
        return true;
    }

    /**
     * The effective settings (defaults filled in) as canonical JSON: sorted keys, no whitespace; without
     * {@code output} and {@code cache_dir}, which say where, not what.
     */
    public byte[] canonicalJson() {
        try {
            return CANONICAL.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Largest .bin file before a new one is started. */
    public long maxShardBytes() { return (long) shardSizeMb << 20; }
}
