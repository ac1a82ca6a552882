package io.winnow.core.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.doc.Document;
import io.winnow.core.step.StepContext;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StepsTest {
    @Test
    void textLengthCountsCodePoints() {
        TextLengthFilter f = new TextLengthFilter("len", 2, 3);
        assertEquals("too_short", check(f, "🌍"));        // one code point, two chars
        assertNull(check(f, "🌍🌍🌍"));
        assertEquals("too_long", check(f, "abcd"));
    }

    @Test
    void languageFilterMatchesPrimarySubtag() {
        LanguageFilter f = new LanguageFilter("lang", List.of("en", "zh"));
        assertNull(check(f, new Document("1", "t").lang("zh-CN")));
        assertNull(check(f, new Document("1", "t").lang("EN")));
        assertEquals("lang_not_kept", check(f, new Document("1", "t").lang("de")));
        assertEquals("no_lang", check(f, new Document("1", "t")));
    }

    @Test
    void sampleIsDeterministicOrderFreeAndNearTheRate() {
        SampleFilter a = new SampleFilter("s", 0.3, null);
        a.open(new StepContext(0, Path.of("a"), 7));
        SampleFilter b = new SampleFilter("s", 0.3, null);
        b.open(new StepContext(5, Path.of("b"), 7)); // another shard: same decisions
        int keptCount = 0;
        for (int i = 0; i < 20000; i++) {
            Document d = new Document("id-" + i, "t");
            String ra = check(a, d);
            assertEquals(ra, check(b, d));
            if (ra == null) keptCount++;
        }
        assertEquals(0.3, keptCount / 20000.0, 0.015);
        SampleFilter other = new SampleFilter("s", 0.3, null);
        other.open(new StepContext(0, Path.of("a"), 8));
        long differ = IntStream.range(0, 1000).filter(i -> {
            Document d = new Document("id-" + i, "t");
            return !java.util.Objects.equals(check(a, d), check(other, d));
        }).count();
        assertTrue(differ > 100, "another seed picks other documents");
    }

    @Test
    void assignIdIsAContentHashAndKeepsExistingIds() {
        AssignIdMapper m = new AssignIdMapper("id", "w-", false);
        Document d = new Document(null, "hello");
        m.process(d, new CollectingEmitter());
        // sha256("hello") = 2cf24dba5fb0a30e26e83b2ac5b9e29e...
        assertEquals("w-2cf24dba5fb0a30e26e83b2ac5b9e29e", d.id());
        Document keep = new Document("mine", "hello");
        m.process(keep, new CollectingEmitter());
        assertEquals("mine", keep.id());
    }

    static Stream<Integer> seeds() {
        return IntStream.range(0, 200).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void chunksConcatenateToTheOriginalAndRespectTheLimit(int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] alphabet = {"a", "b", " ", "\n", "世", "🌍"};
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(0, 3000);
        while (sb.length() < n) sb.append(alphabet[r.nextInt(alphabet.length)]);
        String t = sb.toString();
        int max = r.nextInt(16, 400);
        List<String> parts = ChunkSplitter.split(t, max);
        assertEquals(t, String.join("", parts));
        for (String p : parts) {
            assertTrue(p.length() <= max, "chunk longer than max");
            assertTrue(!p.isEmpty() || t.isEmpty());
            assertTrue(p.isEmpty() || !Character.isLowSurrogate(p.charAt(0)), "no split inside a code point");
        }
    }

    @Test
    void chunkPrefersParagraphBreaks() {
        assertEquals(List.of("aaaa\n\n", "bbbb cc"), ChunkSplitter.split("aaaa\n\nbbbb cc", 8));
    }

    @Test
    void mergeShortRespectsSourceBoundaries() {
        MergeShortMerger m = new MergeShortMerger("m", 10, "|");
        CollectingEmitter out = new CollectingEmitter();
        m.process(new Document("1", "aa").source("x"), out);
        m.process(new Document("2", "bb").source("y"), out); // new source: flush "aa" alone
        m.process(new Document("3", "cccccccccccc").source("y"), out); // completes group 2+3
        m.process(new Document("4", "long enough text").source("y"), out);
        m.finish(out);
        assertEquals(List.of("aa", "bb|cccccccccccc", "long enough text"), out.kept.stream().map(Document::text).toList());
    }

    @Test
    void sampleHashIsUniform() {
        double sum = 0;
        for (int i = 0; i < 10000; i++) sum += SampleFilter.unit(1, "k" + i);
        assertEquals(0.5, sum / 10000, 0.02);
        assertNotEquals(SampleFilter.unit(1, "a"), SampleFilter.unit(2, "a"));
    }

    private static String check(io.winnow.core.step.Filter f, String text) {
        return check(f, new Document("x", text));
    }

    private static String check(io.winnow.core.step.Filter f, Document d) {
        CollectingEmitter e = new CollectingEmitter();
        f.process(d, e);
        return e.rule;
    }

    static final class CollectingEmitter implements io.winnow.core.step.Emitter {
        final java.util.List<Document> kept = new java.util.ArrayList<>();
        String rule;

        @Override public void emit(Document doc) { kept.add(doc); }
        @Override public void reject(Document doc, String r) { rule = r; }
    }
}
