package io.winnow.clean.dedup;

import io.winnow.core.doc.Document;
import io.winnow.core.doc.Utf8;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepContext;
import java.util.BitSet;
import java.util.List;

/**
 * Removes paragraphs and sentence spans that occur in at least {@code minDocs} documents of the
 * corpus (counted beforehand into a {@link SpanIndex}), keeping the first occurrence if asked, and
 * drops documents left with fewer than {@code minDocChars} non-space characters.
 */
final class SpanDedupStep implements Step {
    private final String name;
    private final SpanIndex index;
    private final CleanSettings.SpanDedup s;
    private int shard;
    private long ordinal;

    SpanDedupStep(String name, SpanIndex index, CleanSettings.SpanDedup settings) {
        this.name = name;
        this.index = index;
        this.s = settings;
    }

    @Override
    public String name() { return name; }

    @Override
    public void open(StepContext context) {
        shard = context.shardIndex();
        ordinal = 0;
    }

    @Override
    public void process(Document doc, Emitter out) {
        long me = SpanIndex.position(shard, ordinal++);
        String text = doc.text();
        List<Spans.Span> spans = Spans.of(text, doc.lang(), s.paragraphs, s.sentences, s.sentenceSpan, s.minSpanChars);
        BitSet removed = new BitSet(text.length());
        long removedSpans = 0;
        for (Spans.Span span : spans) {
            long[] c = index.get(span.hash());
            if (c == null || c[0] < s.minDocs || (s.keepFirst && c[1] == me)) continue;
            removedSpans++;
            for (Spans.Piece p : span.pieces()) removed.set(p.start(), p.end());
        }
        if (removedSpans > 0) {
            String left = Spans.remove(text, removed);
            out.count("spans_removed", removedSpans);
            out.count("bytes_removed", Utf8.length(text) - Utf8.length(left));
            doc.text(left);
        }
        if (Spans.nonSpace(doc.text()) < s.minDocChars) {
            out.reject(doc, "too_little_left");
            return;
        }
        out.emit(doc);
    }
}
