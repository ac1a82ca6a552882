package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import io.winnow.core.testing.Corpora;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `winnow safety` and `winnow safety train|eval` from the command line, with the shipped configs,
 * on real text: SpamAssassin mails, fortunes, and documents whose URLs hit the example lists.
 */
class SafetyCliTest {
    @TempDir Path tmp;
    final ObjectMapper json = new ObjectMapper();

    /** Real documents plus a few with URLs and PII, in two input shards. */
    Path input() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        List<String> a = new ArrayList<>();
        List<String> mails = Files.readAllLines(Corpora.file("jsonl/emails.jsonl"));
        for (int i = 0; i < mails.size(); i += 20) {
            Document d = DocumentJson.parse(mails.get(i));
            d.extra().remove("raw");
            a.add(DocumentJson.toJson(d));
        }
        List<String> b = new ArrayList<>();
        List<String> fortunes = Files.readAllLines(Corpora.file("jsonl/fortunes.jsonl"));
        for (int i = 0; i < fortunes.size(); i += 40) b.add(fortunes.get(i));
        b.add(DocumentJson.toJson(new Document("u-adult", "Some page text.").url("https://www.adult-site.example/videos")));
        b.add(DocumentJson.toJson(new Document("u-casino", "Welcome to our site.").url("http://casino-online.example/")));
        b.add(DocumentJson.toJson(new Document("u-wiki", "Hangzhou is the capital of Zhejiang.").url("https://en.wikipedia.org/wiki/Hangzhou")));
        b.add(DocumentJson.toJson(new Document("pii", "联系人：张三，手机 13800138000，邮箱 zhang.san@example.com，身份证 11010519491231002X。").lang("zh")));
        b.add(DocumentJson.toJson(new Document("ads", "网上赌场，百家乐，六合彩，时时彩，下注就送！").lang("zh")));
        b.add(DocumentJson.toJson(new Document("invoice", "长期代开发票，价格优惠。").lang("zh")));
        Files.write(in.resolve("mails.jsonl"), a);
        Files.write(in.resolve("mixed.jsonl"), b);
        return in;
    }

    static Map<String, Document> byId(Path stageOut, String sub) throws Exception {
        Map<String, Document> out = new HashMap<>();
        for (Map.Entry<String, String> e : E2e.outputs(stageOut).entrySet()) {
            if (!e.getKey().startsWith(sub + "/")) continue;
            for (String line : e.getValue().lines().filter(l -> !l.isBlank()).toList()) {
                Document d = DocumentJson.parse(line);
                out.put(d.id(), d);
            }
        }
        return out;
    }

    @Test
    void helpShowsStageOptionsAndSubcommands() {
        E2e.Result r = E2e.cli("safety", "--help");
        E2e.assertExit(0, r);
        for (String s : List.of("--input", "--output", "--config", "--set", "--workers", "--progress", "--fail-fast", "train", "eval")) {
            assertTrue(r.out().contains(s), s + " in:\n" + r.out());
        }
        E2e.Result t = E2e.cli("safety", "train", "--help");
        E2e.assertExit(0, t);
        assertTrue(t.out().startsWith("Usage: winnow safety train") && t.out().contains("--label-field"), t.out());
        E2e.Result missing = E2e.cli("safety", "--output", tmp.resolve("o").toString());
        E2e.assertExit(2, missing);
        assertTrue(missing.err().contains("--input"), missing.err());
    }

    @Test
    void defaultConfigDropsTagsRedactsAndUpsamplesThenResumes() throws Exception {
        Path in = input();
        Path out = tmp.resolve("out");
        Path repo = E2e.repo();
        E2e.Result r = E2e.runChild(repo, "safety", "--input", in.toString(), "--output", out.toString(),
                "--config", "configs/safety/default.yaml", "--progress", "off");
        E2e.assertExit(0, r);
        JsonNode stats = json.readTree(out.resolve("stats.json").toFile());
        List<String> steps = new ArrayList<>();
        stats.get("steps").forEach(s -> steps.add(s.get("name").asText()));
        assertEquals(List.of("domain_blocklist", "keyword_blocklist", "pii_redact", "upsample"), steps);

        Map<String, Document> kept = byId(out, "kept");
        Map<String, Document> rejected = byId(out, "rejected");
        assertEquals(stats.get("totals").get("docs_kept").asLong(), kept.size());
        assertEquals(stats.get("totals").get("docs_rejected").asLong(), rejected.size());
        assertEquals("domain_blocklist:domain:adult", rejected.get("u-adult").rejectReason());
        assertEquals(1, kept.get("u-casino").scores().get("domain.gambling").intValue(), "gambling is tagged, not dropped");
        assertEquals(2.0, kept.get("u-wiki").scores().get("upsample").doubleValue());
        assertEquals("keyword_blocklist:soft_count", rejected.get("ads").rejectReason());
        assertEquals("keyword_blocklist:hard:spam", rejected.get("invoice").rejectReason());
        Document pii = kept.get("pii");
        assertEquals("联系人：张三，手机 [PHONE]，邮箱 [EMAIL]，身份证 [ID_NUMBER]。", pii.text());
        assertEquals(1, pii.scores().get("pii.cn_id").intValue());
        long redactedEmails = stats.get("steps").get(2).get("counters").get("redacted:email").asLong();
        assertTrue(redactedEmails > 100, "real mails carry addresses: " + redactedEmails);
        for (Document d : kept.values()) assertFalse(d.text().contains("13800138000"));

        E2e.Result again = E2e.runChild(repo, "safety", "--input", in.toString(), "--output", out.toString(),
                "--config", "configs/safety/default.yaml", "--progress", "off");
        E2e.assertExit(0, again);
        assertTrue(again.out().contains("(2 resumed)"), again.out());
    }

    @Test
    void trainEvalAndScoreWithTheClassifierConfig() throws Exception {
        Path mails = Corpora.file("jsonl/emails.jsonl");
        Path model = tmp.resolve("models/spam.bin");
        E2e.Result t = E2e.cli("safety", "train", "--input", mails.toString(), "--label-field", "label", "--positive", "spam",
                "--output", model.toString(), "--buckets-log2", "18", "--epochs", "3", "--char-ngrams", "none");
        E2e.assertExit(0, t);
        assertTrue(t.out().contains("held-out: precision"), t.out());
        JsonNode report = json.readTree(model.resolveSibling("spam.bin.json").toFile());
        assertTrue(report.get("held_out").get("f1").asDouble() >= 0.95, report.toString());
        assertEquals(6046, report.get("documents").asLong());

        E2e.Result e = E2e.cli("safety", "eval", "--model", model.toString(), "--input", mails.toString(), "--label-field", "label",
                "--report", tmp.resolve("eval.json").toString());
        E2e.assertExit(0, e);
        assertTrue(json.readTree(tmp.resolve("eval.json").toFile()).get("metrics").get("f1").asDouble() > 0.95, e.out());

        // configs/safety/classifier.yaml names models/spam.bin relative to where winnow runs
        Path in = input();
        Path out = tmp.resolve("scored");
        Files.createDirectories(tmp.resolve("configs/safety"));
        Files.copy(E2e.repo().resolve("configs/safety/classifier.yaml"), tmp.resolve("configs/safety/classifier.yaml"));
        E2e.Result s = E2e.runChild(tmp, "safety", "--input", in.toString(), "--output", out.toString(),
                "--config", "configs/safety/classifier.yaml", "--progress", "off");
        E2e.assertExit(0, s);
        Map<String, Document> rejected = byId(out, "rejected");
        Map<String, Document> kept = byId(out, "kept");
        long spamIn = 0;
        for (String line : Files.readAllLines(in.resolve("mails.jsonl"))) if (line.contains("\"label\":\"spam\"")) spamIn++;
        long spamDropped = rejected.values().stream().filter(d -> "spam".equals(d.extra().get("label"))).count();
        assertTrue(spamDropped >= 0.9 * spamIn, spamDropped + " of " + spamIn);
        assertTrue(rejected.values().stream().allMatch(d -> d.rejectReason().equals("toxicity_classifier:spam")));
        assertTrue(kept.values().stream().allMatch(d -> d.scores().get("classifier.spam").doubleValue() < 0.5));
    }

    @Test
    void badConfigNamesFileAndKeyAndRunsNothing() throws Exception {
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, "steps:\n  - type: domain_blocklist\n    lists: [" + E2e.repo().resolve("configs/safety/url-lists") + "]\n    drop: [porn]\n");
        E2e.Result r = E2e.cli("safety", "--input", tmp.toString(), "--output", tmp.resolve("o").toString(), "--config", cfg.toString());
        E2e.assertExit(2, r);
        assertTrue(r.err().contains(cfg.toString()) && r.err().contains("steps[0]") && r.err().contains("'porn'"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")));
        Path model = tmp.resolve("bad.yaml");
        E2e.Result m = E2e.cli("safety", "--input", tmp.toString(), "--output", tmp.resolve("o").toString(),
                "--set", "steps=[{type: toxicity_classifier, model: " + model + "}]");
        E2e.assertExit(2, m);
        assertTrue(m.err().contains("not a Winnow classifier model"), m.err());
    }
}
