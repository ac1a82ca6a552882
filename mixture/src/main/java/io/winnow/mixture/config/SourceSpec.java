package io.winnow.mixture.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One named source of a mixture: which shards, which of their documents, and how much of it.
 * <pre>
 *   - name: web_zh
 *     paths: [build/dedup/kept/*.jsonl.zst]   # files, directories or globs; default: the stage's input
 *     filters: ["lang == zh"]                  # on top of the mixture's filters
 *     share: 0.4                               # or rate: 0.5 (keep half), or epochs: 2 (repeat twice)
 *     weights: [...]                           # replaces the mixture's weights for this source
 * </pre>
 * A document that matches several sources (overlapping paths) belongs to the first one, in config order.
 */
public final class SourceSpec {
    public String name;
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public List<String> paths;
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
    public List<String> filters;
    public List<WeightSpec> weights;
    public Double share;
    public Double rate;
    public Double epochs;

    @JsonIgnore List<DocFilter> compiledFilters = List.of();
    @JsonIgnore DocWeight compiledWeight;

    public List<DocFilter> compiledFilters() { return compiledFilters; }

    public DocWeight weight() { return compiledWeight; }

    /** The fixed sampling rate ({@code rate} or {@code epochs}), or null for a share source. */
    public Double fixedRate() { return rate != null ? rate : epochs; }

    public boolean hasShare() { return share != null; }
}
