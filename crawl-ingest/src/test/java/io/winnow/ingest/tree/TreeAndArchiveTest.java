package io.winnow.ingest.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.doc.Document;
import io.winnow.core.exec.StageResult;
import io.winnow.core.testing.Corpora;
import io.winnow.ingest.IngestStageTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory trees and archives of HTML, PDF, DOCX, ODT, EPUB, Markdown and text, detected by Tika. */
class TreeAndArchiveTest {
    @TempDir Path tmp;
    Path tree;

    static final String PROSE = "Rivers carry sediment from the mountains to the sea, and the delta grows a little every year.";

    @BeforeEach
    void makeTree() throws Exception {
        tree = tmp.resolve("docs");
        Files.createDirectories(tree.resolve("sub"));
        Files.writeString(tree.resolve("page.html"), "<html><head><title>Rivers</title></head><body><nav><a href='/'>Home</a></nav><p>"
                + PROSE + "</p></body></html>");
        Files.writeString(tree.resolve("notes.md"), "# Notes\n\n" + PROSE + "\n\n```\ncode  block\n```\n");
        Files.write(tree.resolve("sub/latin1.txt"), ("Prüfung der Größe: " + PROSE).getBytes(Charset.forName("ISO-8859-1")));
        Files.write(tree.resolve("sub/report.pdf"), io.winnow.ingest.extract.ExtractorTest.pdf(PROSE.substring(0, 60), 3));
        Files.write(tree.resolve("sub/letter.docx"), docx(PROSE));
        Files.write(tree.resolve("sub/essay.odt"), odt(PROSE));
        Files.copy(Corpora.dir().resolve("src/root/usr/share/doc/debian-policy/policy.epub"), tree.resolve("sub/policy.epub"));
        Files.writeString(tree.resolve("style.css"), "body { color: red }");
        Files.writeString(tree.resolve(".hidden.html"), "<p>never read</p>");
        Files.createDirectories(tree.resolve("_static"));
        Files.writeString(tree.resolve("_static/theme.html"), "<p>never read either</p>");
    }

    @Test
    void directoryTreeGivesOneDocumentPerFileWithTheRightExtractor() throws Exception {
        Path out = tmp.resolve("out");
        StageResult r = IngestStageTest.run(List.of(tree), out, "tree.files_per_task=3");
        assertEquals(8, r.docsIn(), "hidden files and _directories are skipped");
        Map<String, Document> kept = byPath(IngestStageTest.docs(out.resolve("kept")));
        assertEquals("html:winnow", kept.get("page.html").metadata().get("extraction"));
        assertEquals(PROSE, kept.get("page.html").text());
        assertEquals("text", kept.get("notes.md").metadata().get("extraction"));
        assertTrue(kept.get("notes.md").text().contains("code  block"), "markdown kept as written");
        assertTrue(kept.get("sub/latin1.txt").text().startsWith("Prüfung der Größe"), kept.get("sub/latin1.txt").text());
        assertEquals("tika:pdf", kept.get("sub/report.pdf").metadata().get("extraction"));
        assertEquals("tika:docx", kept.get("sub/letter.docx").metadata().get("extraction"));
        assertTrue(kept.get("sub/letter.docx").text().contains(PROSE));
        assertEquals("tika:odt", kept.get("sub/essay.odt").metadata().get("extraction"));
        assertTrue(kept.get("sub/essay.odt").text().contains(PROSE));
        Document epub = kept.get("sub/policy.epub");
        assertEquals("tika:epub", epub.metadata().get("extraction"));
        assertTrue(epub.text().length() > 100_000 && epub.text().contains("Debian"), "the whole Debian Policy");
        assertEquals("docs/sub/report.pdf", kept.get("sub/report.pdf").id());
        Map<String, Document> rejected = byPath(IngestStageTest.docs(out.resolve("rejected")));
        assertEquals("extract:unsupported_type", rejected.get("style.css").rejectReason());
        assertEquals(3, Files.list(out.resolve("_winnow/done")).count(), "8 files in tasks of 3");
    }

    @Test
    void archivesAreReadEntryByEntry() throws Exception {
        Path tgz = tmp.resolve("bundle.tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(tgz)))) {
            for (Path f : files()) {
                TarArchiveEntry e = new TarArchiveEntry(f.toFile(), tree.relativize(f).toString());
                tar.putArchiveEntry(e);
                Files.copy(f, tar);
                tar.closeArchiveEntry();
            }
        }
        Path zip = tmp.resolve("bundle.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path f : files()) {
                z.putNextEntry(new ZipEntry(tree.relativize(f).toString()));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        Path broken = tmp.resolve("broken.zip");
        Files.writeString(broken, "PK\u0003\u0004 this is not really a zip file");
        Path out = tmp.resolve("out");
        StageResult r = IngestStageTest.run(List.of(tgz, zip, broken), out);
        assertEquals(1, r.badRecords(), "the broken zip");
        List<Document> kept = IngestStageTest.docs(out.resolve("kept"));
        Map<String, Document> tarDocs = new HashMap<>();
        Map<String, Document> zipDocs = new HashMap<>();
        for (Document d : kept) {
            String p = (String) d.metadata().get("path");
            if (p.startsWith("bundle.tar.gz!")) tarDocs.put(p.substring(p.indexOf('!') + 1), d);
            if (p.startsWith("bundle.zip!")) zipDocs.put(p.substring(p.indexOf('!') + 1), d);
        }
        for (Map<String, Document> m : List.of(tarDocs, zipDocs)) {
            assertEquals(7, m.size(), m.keySet().toString());
            assertEquals("tika:docx", m.get("sub/letter.docx").metadata().get("extraction"));
            assertEquals("tika:epub", m.get("sub/policy.epub").metadata().get("extraction"));
        }
        assertEquals("bundle/sub/letter.docx", tarDocs.get("sub/letter.docx").id());
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(tree)) {
            return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> !f.toString().contains("/_static/")).sorted().toList();
        }
    }

    private static Map<String, Document> byPath(List<Document> docs) {
        Map<String, Document> m = new HashMap<>();
        for (Document d : docs) m.put((String) d.metadata().get("path"), d);
        return m;
    }

    static byte[] docx(String text) throws IOException {
        try (XWPFDocument d = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            d.createParagraph().createRun().setText("A letter");
            d.createParagraph().createRun().setText(text);
            d.write(out);
            return out.toByteArray();
        }
    }

    /** A minimal OpenDocument text: the stored mimetype entry first, a manifest and the content. */
    static byte[] odt(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            byte[] mime = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry m = new ZipEntry("mimetype");
            m.setMethod(ZipEntry.STORED);
            m.setSize(mime.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(mime);
            m.setCrc(crc.getValue());
            z.putNextEntry(m);
            z.write(mime);
            z.closeEntry();
            put(z, "META-INF/manifest.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
                    + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                    + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>");
            put(z, "content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                    + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
                    + "<text:h>An essay</text:h><text:p>" + text + "</text:p></office:text></office:body></office:document-content>");
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream z, String name, String content) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        OutputStream o = z;
        o.write(content.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
