package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import io.winnow.core.shard.ShardReader;
import io.winnow.core.shard.ShardWriter;
import io.winnow.core.testing.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `winnow dedup` as a user runs it: its flags, a persistent index across processes, kill -9 and resume. */
class DedupCliTest {
    @TempDir Path tmp;

    @Test
    void helpListsTheDedupFlagsAndTheSparkEngineSaysWhereItIs() throws Exception {
        E2e.Result help = E2e.cli("dedup", "--help");
        E2e.assertExit(0, help);
        for (String flag : List.of("--preset", "--threshold", "--num-perm", "--engine", "--index", "--verify", "--keep")) {
            assertTrue(help.out().contains(flag), "help mentions " + flag);
        }
        Path in = tmp.resolve("in");
        write(in.resolve("a.jsonl"), List.of(new Document("x", "some text")));
        E2e.Result spark = E2e.cli("dedup", "-i", in.toString(), "-o", tmp.resolve("out").toString(), "--engine", "spark");
        E2e.assertExit(2, spark);
        assertTrue(spark.err().contains("winnow-spark"), spark.err());
        E2e.Result bad = E2e.cli("dedup", "-i", in.toString(), "-o", tmp.resolve("out").toString(), "--preset", "minhashlsh");
        E2e.assertExit(2, bad);
        assertTrue(bad.err().contains("preset must be fineweb, nemo or rp2"), bad.err());
    }

    /**
     * Real near-duplicates (the shared corpora's ground truth): batch 1 holds one document of each of
     * 60 labelled pairs with J >= 0.9, batch 2 the other one plus unrelated documents. Each batch runs
     * in its own process against the same --index; batch 2 loses exactly the partners of batch 1.
     */
    @Test
    void secondBatchIsDeduplicatedAgainstTheFirstAfterARestart() throws Exception {
        Map<String, Document> docs = new HashMap<>();
        List<String[]> pairs = new ArrayList<>();
        Set<String> used = new HashSet<>();
        Set<String> clustered = new HashSet<>();
        List<String> lines = Files.readAllLines(Corpora.file("neardup/pairs_j0.7.tsv"));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t");
            clustered.add(f[0]);
            clustered.add(f[1]);
        }
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t");
            if (Double.parseDouble(f[2]) < 0.9 || used.contains(f[0]) || used.contains(f[1]) || pairs.size() >= 60) continue;
            pairs.add(f);
            used.add(f[0]);
            used.add(f[1]);
        }
        List<Document> others = new ArrayList<>();
        try (ShardReader r = new ShardReader(Corpora.file("neardup/docs.jsonl"), 64 << 20, b -> { })) {
            Document d;
            while ((d = r.next()) != null) {
                if (used.contains(d.id())) docs.put(d.id(), d);
                else if (!clustered.contains(d.id()) && others.size() < 300 && d.id().hashCode() % 7 == 0) others.add(d);
            }
        }
        // batch 1: the first member of each pair (minus any that are near-duplicates of each other, which the run will cluster)
        List<Document> b1 = new ArrayList<>();
        List<Document> b2 = new ArrayList<>(others);
        for (String[] p : pairs) {
            b1.add(docs.get(p[0]));
            b2.add(docs.get(p[1]));
        }
        write(tmp.resolve("batch1/a.jsonl.gz"), b1.subList(0, 30));
        write(tmp.resolve("batch1/b.jsonl.gz"), b1.subList(30, b1.size()));
        write(tmp.resolve("batch2/c.jsonl.zst"), b2);
        Path index = tmp.resolve("index");
        E2e.Result r1 = E2e.runChild(tmp, "dedup", "-i", tmp.resolve("batch1").toString(), "-o", tmp.resolve("out1").toString(),
                "--index", index.toString(), "--progress", "off", "--set", "index_capacity=10000");
        E2e.assertExit(0, r1);
        E2e.Result r2 = E2e.runChild(tmp, "dedup", "-i", tmp.resolve("batch2").toString(), "-o", tmp.resolve("out2").toString(),
                "--index", index.toString(), "--progress", "off", "--set", "index_capacity=10000");
        E2e.assertExit(0, r2);
        assertTrue(r2.out().contains("near-duplicates removed"), r2.out());

        Set<String> batch1Ids = new HashSet<>();
        for (Document d : b1) batch1Ids.add(d.id());
        Map<String, Document> rejected = new HashMap<>();
        for (Document d : read(tmp.resolve("out2/rejected"))) rejected.put(d.id(), d);
        for (String[] p : pairs) {
            Document d = rejected.get(p[1]);
            assertTrue(d != null, p[1] + " (J = " + p[2] + " with " + p[0] + " of batch 1) is removed");
            assertTrue(batch1Ids.contains((String) d.metadata().get("duplicate_of")), "it points at a batch-1 document: " + d.metadata());
        }
        long othersRemoved = others.stream().filter(d -> rejected.containsKey(d.id())).count();
        assertTrue(othersRemoved <= others.size() / 50, othersRemoved + " of " + others.size() + " unlabelled documents removed");
        JsonNode st = new ObjectMapper().readTree(tmp.resolve("out2/stats.json").toFile()).get("dedup");
        assertEquals(1, st.at("/index/batch").asInt());
        assertEquals(b1.size(), st.at("/index/first_doc").asInt());
        assertTrue(st.get("removed_as_earlier_batch_duplicates").asInt() >= pairs.size(), st.toString());
    }

    @Test
    void dedupKilledInEachPassResumesToTheCleanRunsOutput() throws Exception {
        Path in = tmp.resolve("in");
        List<Document> all = new ArrayList<>();
        try (ShardReader r = new ShardReader(Corpora.file("neardup/docs.jsonl"), 64 << 20, b -> { })) {
            Document d;
            while ((d = r.next()) != null && all.size() < 4000) all.add(d);
        }
        for (int s = 0; s < 8; s++) write(in.resolve("part-" + s + ".jsonl.gz"), all.subList(s * 500, (s + 1) * 500));
        Path clean = tmp.resolve("clean");
        E2e.assertExit(0, E2e.runChild(tmp, args(in, clean)));

        Path killed = tmp.resolve("killed");
        Path signed = killed.resolve("_winnow/index/batches/00000");
        killWhen(in, killed, () -> count(signed, ".json") >= 2);
        assertTrue(Files.notExists(killed.resolve("_winnow/clusters.done")), "the first kill landed in the signature pass");
        killWhen(in, killed, () -> count(killed.resolve("_winnow/done"), ".json") >= 2);
        assertTrue(Files.notExists(killed.resolve("stats.json")), "the second kill landed before the end");
        E2e.assertExit(0, E2e.runChild(tmp, args(in, killed)));
        E2e.assertSameOutputs(E2e.outputs(clean), E2e.outputs(killed));
        ObjectMapper om = new ObjectMapper();
        assertEquals(om.readTree(clean.resolve("stats.json").toFile()).at("/dedup/removed"),
                om.readTree(killed.resolve("stats.json").toFile()).at("/dedup/removed"));
    }

    interface Check {
        boolean done() throws Exception;
    }

    private void killWhen(Path in, Path out, Check check) throws Exception {
        Process p = E2e.childCli(tmp, args(in, out)).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("kill-" + System.nanoTime() + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (p.isAlive() && !check.done() && System.nanoTime() < deadline) Thread.sleep(5);
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
        p.waitFor();
    }

    private static long count(Path dir, String suffix) throws Exception {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }

    private static String[] args(Path in, Path out) {
        return new String[] {"dedup", "-i", in.toString(), "-o", out.toString(), "--workers", "2", "--progress", "off"};
    }

    static void write(Path file, List<Document> docs) throws Exception {
        Files.createDirectories(file.getParent());
        try (ShardWriter w = new ShardWriter(file, -1)) {
            for (Document d : docs) w.write(d);
            w.commit();
        }
    }

    static List<Document> read(Path dir) throws Exception {
        List<Document> out = new ArrayList<>();
        for (String content : io.winnow.core.testing.StageOutputs.contents(dir.getParent()).entrySet().stream()
                .filter(e -> e.getKey().startsWith(dir.getFileName() + "/")).map(Map.Entry::getValue).toList()) {
            for (String l : content.lines().toList()) out.add(DocumentJson.parse(l));
        }
        return out;
    }
}
