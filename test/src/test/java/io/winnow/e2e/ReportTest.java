package io.winnow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a real pipeline run: numbers match stats.json, and the page renders in headless Chromium. */
class ReportTest {
    @TempDir static Path tmp;
    static Path run;

    @BeforeAll
    static void runPipeline() throws Exception {
        Path sample = E2e.sampleData();
        run = tmp.resolve("run");
        Path p = tmp.resolve("pipeline.yaml");
        Files.writeString(p, """
                name: report-test
                input: %s
                output: %s
                stages:
                  - stage: steps
                    name: prepare
                    config:
                      steps:
                        - {type: text_length, min_chars: 20}
                        - {type: merge_short, min_chars: 400}
                  - stage: clean
                  - stage: steps
                    name: sample
                    config:
                      steps: [{type: sample, rate: 0.5}]
                """.formatted(sample, run));
        E2e.Result r = E2e.cli("run", p.toString(), "--progress", "off");
        E2e.assertExit(0, r);
        assertTrue(r.out().contains("report: " + run.resolve("report/index.html")), r.out());
    }

    @Test
    void funnelNumbersEqualStats() throws Exception {
        ObjectMapper om = new ObjectMapper();
        JsonNode report = om.readTree(run.resolve("report/report.json").toFile());
        JsonNode stages = report.get("funnel").get("stages");
        List<String> dirs = List.of("01-prepare", "02-clean", "03-sample");
        assertEquals(3, stages.size());
        for (int i = 0; i < 3; i++) {
            JsonNode stats = om.readTree(run.resolve(dirs.get(i)).resolve("stats.json").toFile());
            assertEquals(stats.get("totals").get("docs_in").asLong(), stages.get(i).get("docs_in").asLong());
            assertEquals(stats.get("totals").get("docs_kept").asLong(), stages.get(i).get("docs_kept").asLong());
            assertEquals(stats.get("steps").size(), stages.get(i).get("steps").size());
            for (int k = 0; k < stats.get("steps").size(); k++) {
                assertEquals(stats.get("steps").get(k).get("rejected_by_rule"), stages.get(i).get("steps").get(k).get("rejected_by_rule"));
            }
        }
        assertEquals(om.readTree(run.resolve("01-prepare/stats.json").toFile()).get("totals").get("docs_in").asLong(),
                report.get("funnel").get("input_docs").asLong());
        String html = Files.readString(run.resolve("report/index.html"));
        long keptAfterClean = stages.get(1).get("docs_kept").asLong();
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "%,d", keptAfterClean)), "the funnel table shows the exact counts");
        assertTrue(!html.contains("http://") && !html.contains("https://"), "self-contained: nothing to fetch at view time");
    }

    @Test
    void rendersInHeadlessChromiumWithEverySection() throws Exception {
        String chromium = Chromium.path();
        Path index = run.resolve("report/index.html");
        List<String> base = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + tmp.resolve("chrome-profile")));
        List<String> dump = new ArrayList<>(base);
        dump.addAll(List.of("--dump-dom", index.toUri().toString()));
        Process p = new ProcessBuilder(dump).redirectError(tmp.resolve("chrome.err").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        Matcher m = Pattern.compile("<body[^>]*data-sections=\"([^\"]*)\"[^>]*>").matcher(dom);
        assertTrue(m.find(), "rendered DOM has the report body:\n" + dom.substring(0, Math.min(500, dom.length())));
        String body = m.group();
        List<String> sections = List.of(m.group(1).split(" "));
        assertTrue(sections.containsAll(List.of("funnel", "languages", "lengths", "dedup", "facts")), sections.toString());
        assertTrue(body.contains("data-rendered=\"" + sections.size() + "\""), "the page script ran and saw every section: " + body);
        assertTrue(!body.contains("data-errors"), "no script errors: " + body);
        for (String s : sections) assertTrue(dom.contains("<section id=\"" + s + "\">"), s);

        Path shot = tmp.resolve("report.png");
        List<String> screenshot = new ArrayList<>(base);
        screenshot.addAll(List.of("--hide-scrollbars", "--window-size=1100,2400", "--screenshot=" + shot, index.toUri().toString()));
        Process s = new ProcessBuilder(screenshot).redirectErrorStream(true).redirectOutput(tmp.resolve("shot.log").toFile()).start();
        assertTrue(s.waitFor(2, TimeUnit.MINUTES));
        assertTrue(Files.size(shot) > 50_000, "a real screenshot, not a blank page: " + Files.size(shot) + " bytes");
        Path keep = System.getProperty("winnow.screenshot") == null ? null : Path.of(System.getProperty("winnow.screenshot"));
        if (keep != null) Files.copy(shot, keep, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
