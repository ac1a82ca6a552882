package io.winnow.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.winnow.ingest.lang.LanguageIdentifier;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.tika.langdetect.optimaize.OptimaizeLangDetector;
import org.apache.tika.language.detect.LanguageResult;

/**
 * Language-ID accuracy of {@code winnow ingest}'s identifier on pages whose language is
 * unambiguous, side by side with Tika's Optimaize detector alone (the library it builds on).
 *
 * <p>Pages: {@code jsonl/html_docs.jsonl} (the package language is the label), at most 150 per
 * package and language, in file order. A page is unambiguous when it has at least 200 letters and
 * <ul>
 *   <li>for a CJK label: at least 70% of its units (CJK characters, words of other scripts) are
 *       CJK (translated manuals keep commands and English names; untranslated fallback pages fail this);</li>
 *   <li>for any other label: no CJK at all, and the page is not wholly or partly untranslated: fewer
 *       than 20% of its prose lines (40+ chars) appear verbatim in the English page of the same name
 *       in the same manual.</li>
 * </ul>
 * The Chinese script (Hans/Hant) is scored against the locale (zh-TW: Hant, else Hans).
 * Writes {@code bench/results/ingest-langid.{json,md}}.
 */
public final class LanguageAccuracy {
    private static final int PER_GROUP = 150;

    record Page(String family, String name, String lang, String locale, String text) {}

    public static void main(String[] args) throws Exception {
        Path repo = BenchSupport.repo();
        Path corpora = BenchSupport.corpora(repo);
        Path results = args.length > 0 ? Path.of(args[0]) : repo.resolve("bench/results");
        ObjectMapper m = new ObjectMapper();
        List<Page> pages = new ArrayList<>();
        Map<String, Integer> perGroup = new HashMap<>();
        Map<String, Set<String>> english = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(corpora.resolve("jsonl/html_docs.jsonl"))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n = m.readTree(line);
                String pkg = n.get("package").asText();
                String lang = n.get("lang").asText();
                String family = pkg.replaceAll("-(de|en|ja|zh-cn|zh-tw|zh)$", "");
                String name = n.get("path").asText().replaceAll(".*/", "").replaceAll("\\.(en|de|ja|zh-cn|zh-tw)\\.html$", ".html");
                String text = n.get("text").asText();
                if (lang.equals("en")) english.put(family + "/" + name, proseLines(text));
                if (perGroup.merge(pkg + "/" + lang, 1, Integer::sum) > PER_GROUP) continue;
                pages.add(new Page(family, name, lang, n.get("locale").asText(), text.length() > 10_000 ? text.substring(0, 10_000) : text));
            }
        }
        LanguageIdentifier winnow = LanguageIdentifier.get();
        OptimaizeLangDetector tika = new OptimaizeLangDetector();
        tika.loadModels();
        Map<String, long[]> stats = new TreeMap<>(); // lang -> pages, winnow ok, tika ok, winnow kept (>= 0.65), zh script ok
        int ambiguous = 0;
        long winnowNanos = 0;
        long tikaNanos = 0;
        for (Page p : pages) {
            LanguageIdentifier.Result res;
            long t0 = System.nanoTime();
            res = winnow.identify(p.text());
            long t1 = System.nanoTime();
            LanguageResult t = tika.detect(p.text());
            long t2 = System.nanoTime();
            if (!unambiguous(p, english)) {
                ambiguous++;
                continue;
            }
            winnowNanos += t1 - t0;
            tikaNanos += t2 - t1;
            String expect = p.lang().equals("nb") ? "no" : p.lang();
            String tikaLang = t.getLanguage().toLowerCase(Locale.ROOT).replaceAll("-.*", "");
            long[] s = stats.computeIfAbsent(expect, k -> new long[5]);
            s[0]++;
            if (res.lang().equals(expect)) s[1]++;
            else if (System.getenv("LANGID_DEBUG") != null) System.err.println(expect + " -> " + res.lang() + " " + res.score() + " " + p.family() + "/" + p.name());
            if (tikaLang.equals(expect)) s[2]++;
            if (res.lang().equals(expect) && res.score() >= 0.65) s[3]++;
            if (expect.equals("zh")) {
                String script = p.locale().toLowerCase(Locale.ROOT).contains("tw") ? "Hant" : "Hans";
                if (script.equals(res.script())) s[4]++;
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        long total = 0;
        long okW = 0;
        long okT = 0;
        long keptW = 0;
        for (Map.Entry<String, long[]> e : stats.entrySet()) {
            long[] s = e.getValue();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("lang", e.getKey());
            row.put("pages", s[0]);
            row.put("winnow_accuracy", round((double) s[1] / s[0]));
            row.put("optimaize_only_accuracy", round((double) s[2] / s[0]));
            row.put("winnow_kept_at_0.65", round((double) s[3] / s[0]));
            if (e.getKey().equals("zh")) row.put("zh_script_accuracy", round((double) s[4] / s[0]));
            rows.add(row);
            total += s[0];
            okW += s[1];
            okT += s[2];
            keptW += s[3];
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("what", "language-ID accuracy on unambiguous pages of jsonl/html_docs.jsonl (see LanguageAccuracy javadoc)");
        report.put("pages_scored", total);
        report.put("pages_ambiguous_skipped", ambiguous);
        report.put("winnow_accuracy", round((double) okW / total));
        report.put("optimaize_only_accuracy", round((double) okT / total));
        report.put("winnow_kept_at_0.65", round((double) keptW / total));
        report.put("winnow_ms_per_page", round(winnowNanos / 1e6 / total));
        report.put("optimaize_only_ms_per_page", round(tikaNanos / 1e6 / total));
        report.put("rows", rows);
        Files.createDirectories(results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(results.resolve("ingest-langid.json").toFile(), report);
        StringBuilder md = new StringBuilder("# Language ID: winnow ingest vs Optimaize alone (same run)\n\n");
        md.append(String.format(Locale.ROOT, "%d unambiguous pages (%d ambiguous skipped). Accuracy: winnow %.4f, Optimaize alone %.4f; "
                        + "winnow keeps %.4f at min_score 0.65. Time per page (10,000 chars max): winnow %.2f ms, Optimaize %.2f ms.%n%n",
                total, ambiguous, (double) okW / total, (double) okT / total, (double) keptW / total, winnowNanos / 1e6 / total, tikaNanos / 1e6 / total));
        md.append("| lang | pages | winnow | Optimaize alone | winnow kept at 0.65 | zh script |\n|---|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> row : rows) {
            md.append("| ").append(row.get("lang")).append(" | ").append(row.get("pages")).append(" | ")
                    .append(BenchSupport.f3((Double) row.get("winnow_accuracy"))).append(" | ")
                    .append(BenchSupport.f3((Double) row.get("optimaize_only_accuracy"))).append(" | ")
                    .append(BenchSupport.f3((Double) row.get("winnow_kept_at_0.65"))).append(" | ")
                    .append(row.containsKey("zh_script_accuracy") ? BenchSupport.f3((Double) row.get("zh_script_accuracy")) : "").append(" |\n");
        }
        Files.writeString(results.resolve("ingest-langid.md"), md.toString());
        System.out.print(md);
    }

    static boolean unambiguous(Page p, Map<String, Set<String>> english) {
        int letters = 0;
        int cjk = 0;
        int words = 0;
        int run = 0;
        for (int i = 0; i < p.text().length(); ) {
            int cp = p.text().codePointAt(i);
            i += Character.charCount(cp);
            boolean letter = Character.isLetter(cp);
            Character.UnicodeScript sc = letter ? Character.UnicodeScript.of(cp) : null;
            boolean isCjk = sc == Character.UnicodeScript.HAN || sc == Character.UnicodeScript.HIRAGANA
                    || sc == Character.UnicodeScript.KATAKANA || sc == Character.UnicodeScript.HANGUL;
            if (letter) letters++;
            if (isCjk) cjk++;
            if (letter && !isCjk) {
                run++;
            } else {
                if (run >= 2) words++;
                run = 0;
            }
        }
        if (run >= 2) words++;
        if (letters < 200) return false;
        boolean cjkLabel = Set.of("zh", "ja", "ko").contains(p.lang());
        if (cjkLabel) return cjk >= 0.7 * (cjk + words);
        if (cjk > 0) return false;
        if (p.lang().equals("en")) return true;
        Set<String> en = english.get(p.family() + "/" + p.name());
        if (en == null) return true;
        Set<String> mine = proseLines(p.text());
        int same = 0;
        for (String l : mine) if (en.contains(l)) same++;
        return mine.isEmpty() || same < 0.2 * mine.size();
    }

    /** Lines of running text (at least 40 chars), whitespace-collapsed. */
    static Set<String> proseLines(String text) {
        Set<String> out = new HashSet<>();
        for (String l : text.split("\n")) {
            String n = l.strip().replaceAll("\\s+", " ");
            if (n.length() >= 40) out.add(n);
        }
        return out;
    }

    static Set<String> words(String text) {
        Set<String> s = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) if (!w.isEmpty()) s.add(w);
        return s;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        int inter = 0;
        for (String x : a) if (b.contains(x)) inter++;
        int union = a.size() + b.size() - inter;
        return union == 0 ? 0 : (double) inter / union;
    }

    static double round(double d) {
        return Math.round(d * 10000) / 10000.0;
    }
}
