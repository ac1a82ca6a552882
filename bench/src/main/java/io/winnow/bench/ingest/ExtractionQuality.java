package io.winnow.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.winnow.core.doc.Document;
import io.winnow.ingest.IngestSettings;
import io.winnow.ingest.Payload;
import io.winnow.ingest.content.Block;
import io.winnow.ingest.content.HtmlContent;
import io.winnow.ingest.eval.TextOverlap;
import io.winnow.ingest.extract.Deadline;
import io.winnow.ingest.extract.Extraction;
import io.winnow.ingest.extract.Extractor;
import java.io.BufferedReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Extraction quality of {@code winnow ingest} against reference text, per language, for Winnow's
 * main-content extractor and the boilerpipe baseline (Tika's ArticleExtractor), run side by side:
 * <ul>
 *   <li>the three wget WARCs of the shared corpora, each page scored against the block text of the
 *       same page in {@code jsonl/html_docs.jsonl} (the corpus's reference main content);</li>
 *   <li>the Debian Reference PDFs in five languages, scored against the package's own plain-text
 *       rendering of the book.</li>
 * </ul>
 * Scores are token precision/recall (each CJK character a token, words otherwise; see
 * {@link TextOverlap}) and line precision/recall. It also counts repeated navigation in the output:
 * lines present on at least 90% of a site's pages in one language in the unfiltered page text
 * that are not part of any line of the reference pages. Writes {@code bench/results/ingest-extraction-quality.{json,md}}.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.winnow.bench.ingest.ExtractionQuality}
 */
public final class ExtractionQuality {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Site(String warc, String docroot) {}

    static final List<Site> SITES = List.of(
            new Site("debian-reference", "/usr/share/debian-reference"),
            new Site("debian-handbook", "/usr/share/doc/debian-handbook/html"),
            new Site("python-docs", "/usr/share/doc/python3.11/html"));

    record Ref(String text, String lang) {}

    public static void main(String[] args) throws Exception {
        Path repo = BenchSupport.repo();
        Path corpora = BenchSupport.corpora(repo);
        Path results = args.length > 0 ? Path.of(args[0]) : repo.resolve("bench/results");
        Path work = Files.createTempDirectory("winnow-extraction-quality");
        Map<String, Ref> refs = loadReferences(corpora.resolve("jsonl/html_docs.jsonl"));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("what", "token and line precision/recall of extracted text against reference text, per language");
        report.put("reference_html", "jsonl/html_docs.jsonl block text of the same page (nav/header/footer/aside/sidebars dropped)");
        report.put("reference_pdf", "pdf/debian-reference.LANG.txt, the package's own plain-text rendering");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Site site : SITES) {
            Path warc = corpora.resolve("warc/" + site.warc() + ".warc.gz");
            Map<String, Set<String>> navStrings = navigationStrings(warc, site, refs);
            for (String method : List.of("winnow", "boilerpipe")) {
                long t0 = System.nanoTime();
                Path out = work.resolve(site.warc() + "-" + method);
                BenchSupport.ingest(List.of(warc), out, 2, "content.method=" + method, "lang.enabled=false",
                        "url.latest_capture=false");
                double secs = (System.nanoTime() - t0) / 1e9;
                Map<String, String> extracted = new HashMap<>();
                for (Document d : BenchSupport.docs(out.resolve("kept"))) extracted.put(pathOf(d.url(), site), d.text());
                for (Document d : BenchSupport.docs(out.resolve("rejected"))) extracted.putIfAbsent(pathOf(d.url(), site), "");
                Map<String, TextOverlap.Score[]> byLang = new TreeMap<>();
                Map<String, int[]> nav = new TreeMap<>();
                for (Map.Entry<String, String> e : extracted.entrySet()) {
                    Ref ref = refs.get(e.getKey());
                    if (ref == null) continue;
                    TextOverlap.Score[] acc = byLang.computeIfAbsent(ref.lang(), k -> new TextOverlap.Score[] {TextOverlap.Score.ZERO, TextOverlap.Score.ZERO, TextOverlap.Score.ZERO});
                    acc[0] = acc[0].plus(TextOverlap.tokens(e.getValue(), ref.text()));
                    acc[1] = acc[1].plus(TextOverlap.lines(e.getValue(), ref.text()));
                    acc[2] = acc[2].plus(new TextOverlap.Score(1, 0, 0));
                    int[] n = nav.computeIfAbsent(ref.lang(), k -> new int[2]);
                    Set<String> strings = navStrings.getOrDefault(ref.lang(), Set.of());
                    int found = 0;
                    for (String line : e.getValue().split("\n")) {
                        if (strings.contains(norm(line))) {
                            found++;
                        } else if (line.contains(" | ")) {
                            for (String cell : line.split(" \\| ")) if (strings.contains(norm(cell))) found++;
                        }
                    }
                    n[0] += found;
                    if (found > 0) n[1]++;
                }
                for (Map.Entry<String, TextOverlap.Score[]> e : byLang.entrySet()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("source", site.warc() + ".warc.gz");
                    row.put("method", method);
                    row.put("lang", e.getKey());
                    row.put("pages", e.getValue()[2].matched());
                    row.put("token_precision", round(e.getValue()[0].precision()));
                    row.put("token_recall", round(e.getValue()[0].recall()));
                    row.put("token_f1", round(e.getValue()[0].f1()));
                    row.put("line_precision", round(e.getValue()[1].precision()));
                    row.put("line_recall", round(e.getValue()[1].recall()));
                    row.put("repeated_nav_strings", navStrings.getOrDefault(e.getKey(), Set.of()).size());
                    row.put("nav_lines_in_output", nav.get(e.getKey())[0]);
                    row.put("pages_with_nav_in_output", nav.get(e.getKey())[1]);
                    rows.add(row);
                }
                System.err.printf("%s %s: %.1f s%n", site.warc(), method, secs);
            }
        }
        IngestSettings s = new IngestSettings();
        Extractor x = new Extractor(s.limits, s.content);
        for (String lang : List.of("en", "de", "ja", "zh-cn", "zh-tw")) {
            Path pdf = corpora.resolve("pdf/debian-reference." + lang + ".pdf");
            byte[] b = Files.readAllBytes(pdf);
            Extraction e = x.extract(new Payload(b, "application/pdf", pdf.getFileName().toString(), b.length, false), null, Deadline.none());
            String ref = Files.readString(corpora.resolve("pdf/debian-reference." + lang + ".txt"));
            TextOverlap.Score t = TextOverlap.tokens(e.text(), ref);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("source", pdf.getFileName().toString());
            row.put("method", e.method());
            row.put("lang", lang);
            row.put("pages", 1);
            row.put("token_precision", round(t.precision()));
            row.put("token_recall", round(t.recall()));
            row.put("token_f1", round(t.f1()));
            rows.add(row);
        }
        report.put("rows", rows);
        Files.createDirectories(results);
        JSON.writeValue(results.resolve("ingest-extraction-quality.json").toFile(), report);
        Files.writeString(results.resolve("ingest-extraction-quality.md"), markdown(rows));
        System.out.print(markdown(rows));
        BenchSupport.deleteTree(work);
    }

    /** Blocks of the unfiltered page text on at least 90% of a language's pages and in no reference page. */
    static Map<String, Set<String>> navigationStrings(Path warc, Site site, Map<String, Ref> refs) throws Exception {
        Map<String, Map<String, Integer>> count = new HashMap<>();
        Map<String, Integer> pages = new HashMap<>();
        Map<String, Set<String>> inRefs = new HashMap<>();
        try (var src = new io.winnow.ingest.warc.WarcSource(warc, new IngestSettings(), b -> { })) {
            Document d;
            while ((d = src.next()) != null) {
                Ref ref = refs.get(pathOf(d.url(), site));
                Payload p = Payload.of(d);
                if (ref == null || p == null) continue;
                String html = new String(p.bytes(), StandardCharsets.UTF_8);
                Set<String> seen = new HashSet<>();
                for (Block b : HtmlContent.extract(html, d.url(), HtmlContent.Method.FULL, Deadline.none()).blocks()) {
                    for (String line : b.text().split("\n")) {
                        seen.add(norm(line));
                        // Table cells too: a navigation bar row ("Prev | Up | Next") differs from page to page as a whole.
                        if (line.contains(" | ")) for (String cell : line.split(" \\| ")) seen.add(norm(cell));
                    }
                }
                for (String line : seen) count.computeIfAbsent(ref.lang(), k -> new HashMap<>()).merge(line, 1, Integer::sum);
                pages.merge(ref.lang(), 1, Integer::sum);
                Set<String> r = inRefs.computeIfAbsent(ref.lang(), k -> new HashSet<>());
                for (String line : ref.text().split("\n")) r.add(norm(line));
            }
        }
        Map<String, Set<String>> out = new HashMap<>();
        for (Map.Entry<String, Map<String, Integer>> e : count.entrySet()) {
            int n = pages.get(e.getKey());
            Set<String> s = new HashSet<>();
            for (Map.Entry<String, Integer> c : e.getValue().entrySet()) {
                if (c.getValue() >= Math.max(3, 0.9 * n) && !c.getKey().isEmpty() && !inAnyLine(c.getKey(), inRefs.get(e.getKey()))) {
                    s.add(c.getKey());
                }
            }
            out.put(e.getKey(), s);
        }
        return out;
    }

    /** True when {@code s} is part of some reference line ("Tip" inside "[Tip] Tip" is content, not navigation). */
    static boolean inAnyLine(String s, Set<String> lines) {
        if (lines.contains(s)) return true;
        for (String l : lines) if (l.contains(s)) return true;
        return false;
    }

    static String norm(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    static String pathOf(String url, Site site) {
        try {
            return site.docroot() + URI.create(url).getPath();
        } catch (RuntimeException e) {
            return url;
        }
    }

    static Map<String, Ref> loadReferences(Path jsonl) throws Exception {
        ObjectMapper m = new ObjectMapper();
        Map<String, Ref> refs = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(jsonl)) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = m.readTree(line);
                String path = n.get("path").asText();
                for (Site s : SITES) {
                    if (path.startsWith(s.docroot() + "/")) refs.put(path, new Ref(n.get("text").asText(), n.get("lang").asText()));
                }
            }
        }
        return refs;
    }

    static double round(double d) {
        return Math.round(d * 10000) / 10000.0;
    }

    static String markdown(List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Extraction quality: winnow ingest vs boilerpipe (same run)\n\n");
        sb.append("Token P/R: bag of tokens (CJK characters, words) against the reference; line P/R: exact whitespace-collapsed lines.\n");
        sb.append("HTML reference: the corpus's block text of each page (`jsonl/html_docs.jsonl`); PDF reference: the package's own `.txt` rendering.\n");
        sb.append("nav: repeated navigation strings of the site (lines on >= 90% of its pages in that language, part of no reference line) and how many output lines are one of them.\n\n");
        sb.append("| source | method | lang | pages | token P | token R | token F1 | line P | line R | nav strings | nav lines in output |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> r : rows) {
            sb.append("| ").append(r.get("source")).append(" | ").append(r.get("method")).append(" | ").append(r.get("lang"))
                    .append(" | ").append(r.get("pages"))
                    .append(" | ").append(BenchSupport.f3((Double) r.get("token_precision")))
                    .append(" | ").append(BenchSupport.f3((Double) r.get("token_recall")))
                    .append(" | ").append(BenchSupport.f3((Double) r.get("token_f1")))
                    .append(" | ").append(r.containsKey("line_precision") ? BenchSupport.f3((Double) r.get("line_precision")) : "")
                    .append(" | ").append(r.containsKey("line_recall") ? BenchSupport.f3((Double) r.get("line_recall")) : "")
                    .append(" | ").append(r.getOrDefault("repeated_nav_strings", ""))
                    .append(" | ").append(r.getOrDefault("nav_lines_in_output", ""))
                    .append(" |\n");
        }
        return sb.toString();
    }
}
