package io.winnow.ingest.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.testing.Corpora;
import io.winnow.ingest.IngestSettings;
import io.winnow.ingest.Transient;
import io.winnow.ingest.eval.TextOverlap;
import io.winnow.ingest.extract.Deadline;
import io.winnow.ingest.extract.ExtractStep;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlContentTest {
    static HtmlContent.Page winnow(String html) {
        return HtmlContent.extract(html, "http://example.org/", HtmlContent.Method.WINNOW, Deadline.none());
    }

    @Test
    void keepsHeadingsParagraphsListsTablesAndCodeDropsFurniture() {
        String html = "<html><head><title>T</title><style>p{}</style></head><body>"
                + "<div class='site-header'><a href='/'>Logo</a></div>"
                + "<ul class='navbar'><li><a href='/a'>Products</a></li><li><a href='/b'>Pricing</a></li></ul>"
                + "<div class='breadcrumbs'><a href='/'>Home</a> › <a href='/docs'>Docs</a></div>"
                + "<div id='content'><h1>Installing the tool</h1>"
                + "<p>The installer copies the program and its manual pages to the system directories.</p>"
                + "<ol><li>Download the archive.</li><li>Unpack it in a new directory.</li></ol>"
                + "<table><tr><th>Option</th><th>Meaning</th></tr><tr><td>-v</td><td>verbose</td></tr><tr><td>-q</td><td>quiet</td></tr></table>"
                + "<pre>  indented   code\n    keeps its    spaces\n</pre>"
                + "<p><a href='/prev'>Previous</a> | <a href='/next'>Next</a></p></div>"
                + "<div class='cookie-banner'>We use cookies to improve your experience on this site.</div>"
                + "<footer>Copyright 2024 Example Corp. All rights reserved.</footer>"
                + "<script>var x = 1;</script></body></html>";
        String t = winnow(html).text();
        assertEquals(String.join("\n\n",
                "Installing the tool",
                "The installer copies the program and its manual pages to the system directories.",
                "Download the archive.\nUnpack it in a new directory.",
                "Option | Meaning\n-v | verbose\n-q | quiet",
                "  indented   code\n    keeps its    spaces"), t);
    }

    @Test
    void chineseAndJapanesePagesNeedNoStopWords() {
        String zh = "<html><body><div class='menu'><a href='/'>首页</a><a href='/n'>新闻</a></div><div class='main'>"
                + "<h2>安装说明</h2><p>本程序需要先安装依赖软件包，然后运行安装脚本即可完成配置。</p>"
                + "<p>如果遇到问题，请查看日志文件。</p></div><div class='footer'>版权所有</div></body></html>";
        assertEquals("安装说明\n\n本程序需要先安装依赖软件包，然后运行安装脚本即可完成配置。\n\n如果遇到问题，请查看日志文件。", winnow(zh).text());
        String ja = "<html><body><nav>ホーム | 製品</nav><article><h1>設定</h1><p>設定ファイルを編集してから再起動してください。</p></article></body></html>";
        assertEquals("設定\n\n設定ファイルを編集してから再起動してください。", winnow(ja).text());
    }

    @Test
    void sectionAnchorsNamedLikeFurnitureAreContent() {
        // DocBook names section anchors after their headings: "sharing" must not read as a share button.
        String html = "<html><body><div class='section'><h2><a id='_sharing_and_archiving'/>Sharing and archiving</h2>"
                + "<p>Tools to copy and archive data between systems are described here.</p></div></body></html>";
        assertTrue(winnow(html).text().contains("Tools to copy and archive data"));
    }

    @Test
    void debianReferencePagesMatchTheirReferenceText() throws Exception {
        Path jsonl = Corpora.file("jsonl/html_docs.jsonl");
        Path root = Corpora.dir().resolve("src/root");
        ObjectMapper m = new ObjectMapper();
        TextOverlap.Score zh = TextOverlap.Score.ZERO;
        TextOverlap.Score ja = TextOverlap.Score.ZERO;
        try (BufferedReader r = Files.newBufferedReader(jsonl)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.contains("debian-reference-")) continue;
                JsonNode n = m.readTree(line);
                String path = n.get("path").asText();
                if (!path.matches(".*/ch0[1-4]\\.(zh-cn|ja)\\.html")) continue;
                String out = winnow(Files.readString(root.resolve(path.substring(1)))).text();
                TextOverlap.Score s = TextOverlap.tokens(out, n.get("text").asText());
                if (path.contains("zh-cn")) zh = zh.plus(s); else ja = ja.plus(s);
            }
        }
        for (TextOverlap.Score s : List.of(zh, ja)) {
            assertTrue(s.reference() > 10_000);
            assertTrue(s.precision() >= 0.98 && s.recall() >= 0.98, "P=" + s.precision() + " R=" + s.recall());
        }
    }

    @Test
    void navigationRepeatedAcrossASitesPagesIsDropped() {
        IngestSettings.Content cfg = new IngestSettings().content;
        SiteBoilerplateStep step = new SiteBoilerplateStep("site_boilerplate", cfg);
        List<Document> out = new ArrayList<>();
        Emitter emitter = new Emitter() {
            @Override public void emit(Document doc) { out.add(doc); }
            @Override public void reject(Document doc, String rule) { throw new AssertionError(rule); }
        };
        // No furniture markup at all: a bare list of links and a footer line on every page.
        for (int i = 0; i < 5; i++) {
            String html = "<html><body><div><ul><li><a href='/'>Start</a></li><li><a href='/faq'>Questions</a></li></ul></div>"
                    + "<div><h1>Article " + i + "</h1><p>Body text of article number " + i + " with enough words to be prose.</p>"
                    + "<p>Another paragraph that only article " + i + " has, about its own topic.</p></div>"
                    + "<div>Made by the site team in a small office</div></body></html>";
            HtmlContent.Page page = winnow(html);
            Document d = new Document("p" + i, page.text()).url("http://site.example/" + i);
            Transient.put(d, ExtractStep.BLOCKS, page.blocks());
            step.process(d, emitter);
        }
        assertTrue(out.isEmpty(), "pages are held until the host is known");
        step.finish(emitter);
        assertEquals(5, out.size());
        for (Document d : out) {
            assertFalse(d.text().contains("Questions"), d.text());
            assertFalse(d.text().contains("Made by the site team"), d.text());
            assertTrue(d.text().startsWith("Article "), d.text());
        }
    }
}
