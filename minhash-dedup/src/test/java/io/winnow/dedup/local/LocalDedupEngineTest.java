package io.winnow.dedup.local;

import static io.winnow.dedup.TestDocs.docs;
import static io.winnow.dedup.TestDocs.edit;
import static io.winnow.dedup.TestDocs.ids;
import static io.winnow.dedup.TestDocs.options;
import static io.winnow.dedup.TestDocs.shard;
import static io.winnow.dedup.TestDocs.stage;
import static io.winnow.dedup.TestDocs.text;
import static io.winnow.dedup.TestDocs.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.winnow.core.doc.Document;
import io.winnow.core.exec.StageResult;
import io.winnow.core.stage.Stage;
import io.winnow.core.testing.StageOutputs;
import io.winnow.core.util.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDedupEngineTest {
    @TempDir Path tmp;

    /**
     * a1, a2 | b1 = a1 with 2 of 200 words changed (Jaccard of word 5-grams 186/206 = 0.90), b2 = a1 in upper case
     * with commas (identical after normalization) | c1 unique, c2 = a2 with 2 of 150 words changed (136/156 = 0.87).
     */
    Path threeShards() throws Exception {
        Path in = tmp.resolve("in");
        List<String> a1 = words(1, 200);
        List<String> a2 = words(2, 150);
        shard(in.resolve("a.jsonl"), List.of(new Document("a1", text(a1)), new Document("a2", text(a2))));
        shard(in.resolve("b.jsonl"), List.of(new Document("b1", text(edit(a1, 100, 9))),
                new Document("b2", text(a1).toUpperCase().replace(" ", ", "))));
        shard(in.resolve("c.jsonl"), List.of(new Document("c1", text(words(3, 120))), new Document("c2", text(edit(a2, 75, 8)))));
        return in;
    }

    @Test
    void removesNearDuplicatesKeepsTheFirstAndScoresClusterSize() throws Exception {
        Path in = threeShards();
        Stage s = stage("preset: fineweb\n");
        Map<String, String> first = null;
        for (int workers : new int[] {1, 2, 3}) {
            Path out = tmp.resolve("out" + workers);
            StageResult r = s.run(List.of(in), out, options(workers));
            assertEquals(6, r.docsIn());
            assertEquals(3, r.docsKept());
            List<Document> kept = docs(out, "kept");
            List<Document> removed = docs(out, "rejected");
            assertEquals(List.of("a1", "a2", "c1"), ids(kept));
            assertEquals(List.of("b1", "b2", "c2"), ids(removed));
            Map<String, Document> byId = kept.stream().collect(Collectors.toMap(Document::id, d -> d));
            assertEquals(3, byId.get("a1").scores().get("dup_cluster_size").intValue());
            assertEquals(2, byId.get("a2").scores().get("dup_cluster_size").intValue());
            assertEquals(1, byId.get("c1").scores().get("dup_cluster_size").intValue());
            assertNull(byId.get("c1").metadata().get("dup_cluster"));
            for (Document d : removed) {
                assertEquals("minhash_dedup:near_duplicate", d.rejectReason());
                String keptId = d.id().equals("c2") ? "a2" : "a1";
                assertEquals(keptId, d.metadata().get("duplicate_of"));
                assertEquals(byId.get(keptId).metadata().get("dup_cluster"), d.metadata().get("dup_cluster"));
            }
            JsonNode stats = AtomicFiles.json().readTree(out.resolve("stats.json").toFile());
            assertEquals(2, stats.at("/dedup/clusters").asInt());
            assertEquals(3, stats.at("/dedup/removed").asInt());
            assertEquals(5, stats.at("/dedup/docs_in_clusters").asInt());
            Map<String, String> now = StageOutputs.contents(out);
            if (first == null) first = now;
            else StageOutputs.assertSame(first, now); // the same bytes for any worker count
        }
    }

    @Test
    void badRecordsAreSkippedCountedAndDoNotShiftTheVerdicts() throws Exception {
        Path in = tmp.resolve("in");
        java.nio.file.Files.createDirectories(in);
        List<String> a = words(41, 150);
        String good1 = io.winnow.core.doc.DocumentJson.toJson(new Document("first", text(a)));
        String good2 = io.winnow.core.doc.DocumentJson.toJson(new Document("other", text(words(42, 150))));
        String good3 = io.winnow.core.doc.DocumentJson.toJson(new Document("copy", text(a)));
        java.nio.file.Files.writeString(in.resolve("a.jsonl"), good1 + "\n{\"id\": \"broken\", \"text\": \n" + good2 + "\n" + good3 + "\n");
        Path out = tmp.resolve("out");
        StageResult r = stage("{}\n").run(List.of(in), out, options(2));
        assertEquals(1, r.badRecords());
        assertEquals(List.of("first", "other"), ids(docs(out, "kept")));
        assertEquals(List.of("copy"), ids(docs(out, "rejected")));
        assertTrue(java.nio.file.Files.list(out.resolve("bad-records")).findAny().isPresent(), "the bad record is kept");
    }

    @Test
    void verificationRejectsPairsBelowTheThreshold() throws Exception {
        Path in = tmp.resolve("in");
        List<String> a = words(11, 300);
        // 5 of 300 words changed: 25 of 296 word 5-grams differ, Jaccard 271/321 = 0.84
        shard(in.resolve("a.jsonl"), List.of(new Document("x", text(a)), new Document("y", text(edit(a, 60, 5)))));
        StageResult strict = stage("verify: {threshold: 0.9}\n").run(List.of(in), tmp.resolve("strict"), options(2));
        assertEquals(2, strict.docsKept());
        JsonNode st = AtomicFiles.json().readTree(tmp.resolve("strict/stats.json").toFile());
        assertEquals(0, st.at("/dedup/accepted_pairs").asInt());
        assertEquals(1, st.at("/dedup/candidate_similarity/0.8-0.9").asInt(), "the pair is a candidate of similarity 0.84");
        StageResult loose = stage("verify: {threshold: 0.8}\n").run(List.of(in), tmp.resolve("loose"), options(2));
        assertEquals(1, loose.docsKept());
    }

    @Test
    void keepLongestAndKeepQuality() throws Exception {
        Path in = tmp.resolve("in");
        List<String> w = words(21, 200);
        Document shortDoc = new Document("short", text(w.subList(0, 190)));
        shortDoc.scores().put("quality", 0.9);
        Document longDoc = new Document("long", text(w));
        longDoc.scores().put("quality", 0.2);
        shard(in.resolve("a.jsonl"), List.of(shortDoc, longDoc));
        assertEquals(List.of("short"), ids(docs(runTo(in, "first", "keep: first\n"), "kept")));
        assertEquals(List.of("long"), ids(docs(runTo(in, "longest", "keep: longest\n"), "kept")));
        assertEquals(List.of("short"), ids(docs(runTo(in, "quality", "keep: quality\n"), "kept")));
    }

    private Path runTo(Path in, String name, String yaml) throws Exception {
        Path out = tmp.resolve(name);
        stage(yaml).run(List.of(in), out, options(2));
        return out;
    }

    @Test
    void incrementalIndexRemovesCopiesOfEarlierBatches() throws Exception {
        List<String> a = words(31, 200);
        List<String> b = words(32, 200);
        Path batch1 = tmp.resolve("batch1");
        shard(batch1.resolve("p.jsonl"), List.of(new Document("old-a", text(a)), new Document("old-b", text(b))));
        Path batch2 = tmp.resolve("batch2");
        shard(batch2.resolve("q.jsonl"), List.of(new Document("new-a", text(edit(a, 100, 1))), new Document("new-c", text(words(33, 100))),
                new Document("new-c2", text(words(33, 100)))));
        Path index = tmp.resolve("index");
        String yaml = "index: " + index + "\nindex_capacity: 1000\n";
        StageResult r1 = stage(yaml).run(List.of(batch1), tmp.resolve("out1"), options(2));
        assertEquals(2, r1.docsKept());
        // a new stage instance (as after a restart) sees batch 1 in the index
        StageResult r2 = stage(yaml).run(List.of(batch2), tmp.resolve("out2"), options(2));
        assertEquals(1, r2.docsKept());
        Map<String, Document> removed = docs(tmp.resolve("out2"), "rejected").stream().collect(Collectors.toMap(Document::id, d -> d));
        assertEquals("old-a", removed.get("new-a").metadata().get("duplicate_of"));
        assertEquals("new-c", removed.get("new-c2").metadata().get("duplicate_of"));
        JsonNode st = AtomicFiles.json().readTree(tmp.resolve("out2/stats.json").toFile());
        assertEquals(1, st.at("/dedup/index/batch").asInt());
        assertEquals(2, st.at("/dedup/index/first_doc").asInt());
        assertEquals(1, st.at("/dedup/removed_as_earlier_batch_duplicates").asInt());
        // running batch 1 again into a new output gives the same verdicts (earlier batches win, later ones are ignored)
        StageResult again = stage(yaml).run(List.of(batch1), tmp.resolve("out1b"), options(1));
        assertEquals(2, again.docsKept());
        StageOutputs.assertSame(StageOutputs.contents(tmp.resolve("out1")), StageOutputs.contents(tmp.resolve("out1b")));
        assertTrue(java.nio.file.Files.exists(index.resolve("batches/00001/clusters.bin")));
    }
}
