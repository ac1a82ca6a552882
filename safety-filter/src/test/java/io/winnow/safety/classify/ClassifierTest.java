package io.winnow.safety.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import io.winnow.core.testing.Corpora;
import io.winnow.safety.testing.StepRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The linear classifier trained and evaluated on the real SpamAssassin e-mails (4,150 ham, 1,896 spam). */
class ClassifierTest {
    @TempDir static Path tmp;
    static Path emails;
    static Trainer.Result spam;

    static Trainer.Settings settings(String positive) {
        return new Trainer.Settings(new FeatureSettings(1 << 18, 2, 3, 5, 5000), "text", "label", positive, 5, 0.5, 0, 0.2,
                42, false, 0.5f, 100_000);
    }

    @BeforeAll
    static void trainOnSpamAssassin() throws Exception {
        emails = Corpora.file("jsonl/emails.jsonl");
        spam = Trainer.train(List.of(emails), settings("spam"), tmp.resolve("work"), line -> { });
    }

    @Test
    void heldOutF1OnSpamAssassinIsAtLeast95Percent() {
        Metrics m = spam.heldOut();
        assertTrue(m.f1() >= 0.95, "held-out " + m);
        assertTrue(m.total() > 1000 && m.total() < 1450, "about a fifth held out: " + m.total());
        Map<String, Object> r = spam.report();
        assertEquals(6046L, r.get("documents"));
        assertEquals(Map.of("ham", 4150L, "spam", 1896L), r.get("labels"));
        assertEquals((long) r.get("train_documents") + (long) r.get("held_out_documents"), 6046L);
        assertEquals(m.total(), (long) r.get("held_out_documents"));
        assertEquals("ham", spam.model().negative());
    }

    @Test
    void sameSeedSameModelBytesOtherSeedOtherSplit() throws Exception {
        Path subset = tmp.resolve("subset.jsonl");
        List<String> all = Files.readAllLines(emails);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 8) lines.add(all.get(i));
        Files.write(subset, lines);
        Path a = tmp.resolve("a.bin");
        Path b = tmp.resolve("b.bin");
        Path c = tmp.resolve("c.bin");
        // a small shuffle buffer: the order of every epoch comes from the seeded buffer, not from memory order
        Trainer.Settings small = new Trainer.Settings(new FeatureSettings(1 << 16, 2, 3, 5, 2000), "text", "label", "spam", 3, 0.5, 0,
                0.2, 42, false, 0.5f, 97);
        Trainer.train(List.of(subset), small, tmp.resolve("w1"), l -> { }).model().save(a);
        Trainer.train(List.of(subset), small, tmp.resolve("w2"), l -> { }).model().save(b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "training is deterministic for a seed");
        Trainer.Settings other = new Trainer.Settings(small.features(), "text", "label", "spam", 3, 0.5, 0, 0.2,
                7, false, 0.5f, 97);
        Trainer.train(List.of(subset), other, tmp.resolve("w3"), l -> { }).model().save(c);
        assertNotEquals(java.util.Arrays.hashCode(Files.readAllBytes(a)), java.util.Arrays.hashCode(Files.readAllBytes(c)));
    }

    @Test
    void modelFileRoundTripsAndDamageIsDetected() throws Exception {
        Path f = tmp.resolve("spam.bin");
        spam.model().save(f);
        LinearModel back = LinearModel.load(f);
        assertEquals("spam", back.positive());
        assertEquals(spam.model().settings(), back.settings());
        String text = "Subject: Make money fast!!!\n\nClick here to claim your FREE prize, limited offer, act now";
        assertEquals(spam.model().probability(text), back.probability(text), 1e-12);
        assertTrue(back.probability(text) > 0.5, "an obvious spam text: " + back.probability(text));

        byte[] bytes = Files.readAllBytes(f);
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 1;
        Path bad = tmp.resolve("flipped.bin");
        Files.write(bad, flipped);
        IOException e = assertThrows(IOException.class, () -> LinearModel.load(bad));
        assertTrue(e.getMessage().contains("flipped.bin") && e.getMessage().contains("corrupt"), e.getMessage());
        Path cut = tmp.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertThrows(IOException.class, () -> LinearModel.load(cut));
        Path notModel = tmp.resolve("not.bin");
        Files.writeString(notModel, "{\"id\": \"x\", \"text\": \"a json line, not a model\"}");
        e = assertThrows(IOException.class, () -> LinearModel.load(notModel));
        assertTrue(e.getMessage().contains("not a Winnow classifier model"), e.getMessage());
    }

    @Test
    void stepScoresAndDropsAtTheThreshold() throws Exception {
        Path f = tmp.resolve("step.bin");
        spam.model().save(f);
        ClassifierStep.Params p = new ClassifierStep.Params();
        p.model = f.toString();
        p.validate();
        List<Document> docs = new ArrayList<>();
        List<String> all = Files.readAllLines(emails);
        for (int i = 0; i < all.size(); i += 15) docs.add(DocumentJson.parse(all.get(i))); // every group, ham and spam
        StepRun run = StepRun.of(new ClassifierStep("toxicity_classifier", p), docs);
        long spamDocs = docs.stream().filter(d -> "spam".equals(d.extra().get("label"))).count();
        assertTrue(run.rejected.size() > 0);
        assertTrue(run.rejected.values().stream().allMatch("spam"::equals));
        for (Document d : run.kept) assertTrue(d.scores().get("classifier.spam").doubleValue() < 0.5);
        for (Document d : run.rejectedDocs) assertTrue(d.scores().get("classifier.spam").doubleValue() >= 0.5);
        long correct = run.rejectedDocs.stream().filter(d -> "spam".equals(d.extra().get("label"))).count();
        assertTrue(correct >= 0.9 * spamDocs, correct + " of " + spamDocs + " spam dropped");

        p.action = ClassifierStep.Action.TAG;
        p.threshold = 0.999;
        p.score = "spam_p";
        List<Document> again = new ArrayList<>();
        for (Document d : docs) again.add(d.copy());
        StepRun tagged = StepRun.of(new ClassifierStep("c", p), again);
        assertEquals(docs.size(), tagged.kept.size());
        assertTrue(tagged.kept.stream().allMatch(d -> d.scores().containsKey("spam_p")));
    }

    @Test
    void labelProblemsAreClearErrors() throws Exception {
        Path one = tmp.resolve("one-class.jsonl");
        Files.writeString(one, "{\"id\":\"a\",\"text\":\"x\",\"label\":\"ham\"}\n{\"id\":\"b\",\"text\":\"y\",\"label\":\"ham\"}\n{\"id\":\"c\",\"text\":\"z\"}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(List.of(one), settings("ham"), tmp.resolve("w4"), l -> { }));
        assertTrue(e.getMessage().contains("1 distinct value") && e.getMessage().contains("1 documents had no label"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(List.of(emails), settings("toxic"), tmp.resolve("w5"), l -> { }));
        assertTrue(e.getMessage().contains("'toxic' is not a value") && e.getMessage().contains("spam"), e.getMessage());
    }

    @Test
    void featuresCoverWordsBigramsCharacterGramsAndCjk() {
        HashedFeatures f = new HashedFeatures(new FeatureSettings(1 << 16, 2, 3, 5, 100));
        assertEquals(List.of("free", "money", "免", "费", "赚", "钱", "now", "ok"), f.tokens("FREE money 免费赚钱！NOW ｏｋ"));
        SparseVector v = f.vector("free money free money");
        double norm = 0;
        for (float x : v.value()) norm += x * x;
        assertEquals(1.0, norm, 1e-5);
        for (int i = 1; i < v.size(); i++) assertTrue(v.index()[i] > v.index()[i - 1], "sorted, distinct");
        assertArrayEquals(v.index(), f.vector("FREE MONEY free money").index(), "case-folded");
        assertEquals(0, f.vector("  ...  ").size());
        assertEquals(100, f.tokens("word ".repeat(1000)).size(), "at most max_tokens tokens");
    }
}
