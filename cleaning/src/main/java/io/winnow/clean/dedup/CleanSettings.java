package io.winnow.clean.dedup;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.clean.text.TextNormalizer;
import io.winnow.core.config.Config;

/**
 * Settings of {@code winnow clean}, in the order the stage applies them (Baichuan 2, figure 2):
 * normalization, exact document dedup, quality rules (heuristic and sentence-wise), then
 * sentence/paragraph span dedup across the corpus.
 */
public final class CleanSettings implements Config.Validatable {
    public TextNormalizer.Params normalize = new TextNormalizer.Params();
    public ExactDedup exactDedup = new ExactDedup();
    /** Steps after exact dedup; null means the default list (see configs/cleaning/default.yaml). */
    public JsonNode rules;
    public SpanDedup spanDedup = new SpanDedup();
    /** Persistent exact-dedup index directory (--index): later batches are deduplicated against earlier ones. */
    public String index;

    public static final class ExactDedup {
        public boolean enabled = true;
        /** first (earliest batch, shard, line) or quality (highest scores.quality within a batch). */
        public String keep = "first";
        /** Sizing hint for the off-heap index; it grows past it up to 8x. */
        public long expectedEntries = 10_000_000;
    }

    public static final class SpanDedup {
        public boolean enabled = true;
        public boolean paragraphs = true;
        public boolean sentences = true;
        /** Sentences per span (datatrove: 3). */
        public int sentenceSpan = 3;
        /** A span is a duplicate when it occurs in at least this many documents. */
        public int minDocs = 2;
        /** Keep the span in the first document that has it (by input order). */
        public boolean keepFirst = true;
        /** Spans with fewer non-space characters are never removed. */
        public int minSpanChars = 10;
        /** Documents left with fewer non-space characters are dropped. */
        public int minDocChars = 50;
        public long expectedSpans = 20_000_000;
    }

    @Override
    public void validate() {
        if (!exactDedup.keep.equals("first") && !exactDedup.keep.equals("quality")) {
            throw new IllegalArgumentException("exact_dedup.keep must be first or quality, got '" + exactDedup.keep + "'");
        }
        if (spanDedup.sentenceSpan < 1) throw new IllegalArgumentException("span_dedup.sentence_span must be at least 1");
        if (spanDedup.minDocs < 2) throw new IllegalArgumentException("span_dedup.min_docs must be at least 2");
    }
}
