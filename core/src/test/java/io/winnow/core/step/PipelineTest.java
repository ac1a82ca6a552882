package io.winnow.core.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.winnow.core.doc.Document;
import io.winnow.core.steps.ChunkSplitter;
import io.winnow.core.steps.MergeShortMerger;
import io.winnow.core.steps.TextLengthFilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineTest {
    final List<Document> kept = new ArrayList<>();
    final List<Document> rejected = new ArrayList<>();

    Pipeline open(List<Step> steps) {
        Pipeline p = new Pipeline(steps);
        p.open(new StepContext(0, Path.of("in.jsonl"), 1), new Pipeline.Sink() {
            @Override public void keep(Document doc) { kept.add(doc); }
            @Override public void reject(Document doc) { rejected.add(doc); }
        });
        return p;
    }

    @Test
    void filtersMappersSplittersAndMergersCountInAndOut() {
        Mapper upper = new Mapper("upper") {
            @Override protected Document map(Document d) { return d.text(d.text().toUpperCase()); }
        };
        Pipeline p = open(List.of(
                new TextLengthFilter("len", 3, 1000),
                upper,
                new ChunkSplitter("chunk", 20),
                new MergeShortMerger("merge", 10, " ")));
        p.process(new Document("a", "ab"));                               // rejected: too short
        p.process(new Document("b", "hello world this is long text"));   // split into 2
        p.process(new Document("c", "tiny"));                             // merged with d
        p.process(new Document("d", "bits"));
        p.process(new Document("e", "x".repeat(2000)));                   // too long
        p.finish();

        assertEquals(List.of("len:too_short", "len:too_long"), rejected.stream().map(Document::rejectReason).toList());
        List<StepStats> s = p.stats();
        assertEquals(5, s.get(0).docsIn());
        assertEquals(3, s.get(0).docsOut());
        assertEquals(2, s.get(0).docsRejected());
        assertEquals(Map.of("too_short", 1L, "too_long", 1L), s.get(0).rejectedByRule());
        assertEquals(2 + 29 + 4 + 4 + 2000, s.get(0).bytesIn());
        assertEquals(3, s.get(1).docsIn());
        assertEquals(3, s.get(2).docsIn());
        assertEquals(4, s.get(2).docsOut(), "the long document became two chunks");
        assertEquals(4, s.get(3).docsIn());
        assertEquals(3, s.get(3).docsOut(), "two short documents merged");
        // b splits into "HELLO WORLD THIS IS " and "LONG TEXT" (9 < 10), which absorbs "TINY";
        // "BITS" is left alone at the end of the shard.
        assertEquals(List.of("b#0", "b#1", "d"), kept.stream().map(Document::id).toList(), kept.toString());
        assertEquals("LONG TEXT TINY", kept.get(1).text());
        assertEquals(List.of("b#1", "c"), kept.get(1).metadata().get("merged_ids"));
        assertEquals("BITS", kept.get(2).text());
        assertEquals("HELLO WORLD THIS IS ", kept.get(0).text());
    }

    @Test
    void duplicateStepNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Pipeline(List.of(
                new TextLengthFilter("x", 1, 2), new TextLengthFilter("x", 1, 2))));
    }
}
