package io.winnow.ingest.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.testing.Corpora;
import io.winnow.ingest.IngestSettings;
import io.winnow.ingest.Payload;
import io.winnow.ingest.eval.TextOverlap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

public class ExtractorTest {
    private final IngestSettings settings = new IngestSettings();
    private final Extractor x = new Extractor(settings.limits, settings.content);

    private Extraction extract(byte[] b, String type, String name) {
        return x.extract(new Payload(b, type, name, b.length, false), "http://example.org/p", Deadline.none());
    }

    private static String rule(Runnable r) {
        ExtractException e = assertThrows(ExtractException.class, r::run);
        return e.rule();
    }

    @Test
    void charsetChainHeaderThenMetaThenDetection() {
        String text = "<html><head><meta charset=\"windows-1252\"></head><body><p>Größe für Straße</p></body></html>";
        byte[] latin = text.getBytes(Charset.forName("windows-1252"));
        Extraction meta = extract(latin, "text/html", null);
        assertTrue(meta.text().contains("Größe für Straße"), meta.text());
        assertEquals("meta", meta.charsetSource());

        // The HTTP header wins over <meta>: here it is right and the meta tag is wrong.
        String wrongMeta = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>日本語のテキストです。</p></body></html>";
        Extraction header = extract(wrongMeta.getBytes(Charset.forName("Shift_JIS")), "text/html; charset=Shift_JIS", null);
        assertTrue(header.text().contains("日本語のテキストです。"), header.text());
        assertEquals("header", header.charsetSource());

        // Neither: valid UTF-8 is detected; GB18030 bytes are detected statistically.
        Extraction utf8 = extract("<p>中文内容，没有声明编码。</p>".getBytes(StandardCharsets.UTF_8), "text/html", null);
        assertEquals("UTF-8", utf8.charset());
        assertEquals("detected", utf8.charsetSource());
        String zh = "<p>" + "这是一个没有声明编码的中文网页，检测器应当识别出正确的字符集。".repeat(20) + "</p>";
        Extraction gb = extract(zh.getBytes(Charset.forName("GB18030")), "text/html", null);
        assertTrue(gb.text().contains("检测器应当识别出正确的字符集"), gb.charset() + ": " + gb.text().substring(0, 40));
    }

    @Test
    void invalidBytesAreReplacedNeverFatal() {
        byte[] b = "<p>valid start \u00ff end and more text after it</p>".getBytes(StandardCharsets.UTF_8);
        byte[] broken = b.clone();
        broken[20] = (byte) 0xC3; // a lone lead byte inside the paragraph
        Extraction e = extract(broken, "text/html; charset=UTF-8", null);
        assertTrue(e.text().contains("valid start"));
        assertTrue(e.text().contains("\uFFFD"));
    }

    @Test
    void badInputIsRejectedWithAReason() {
        assertEquals("empty", rule(() -> extract(new byte[0], "text/html", null)));
        assertEquals("too_large", rule(() -> x.extract(new Payload(new byte[10], "text/html", null, 1L << 40, true),
                null, Deadline.none())));
        byte[] garbage = new byte[5000];
        new java.util.Random(1).nextBytes(garbage);
        assertEquals("binary_content", rule(() -> extract(garbage, "text/html", null)));
        assertEquals("unsupported_type", rule(() -> extract(png(), null, "x.png")));
        assertEquals("parse_error", rule(() -> extract("%PDF-1.4\n%broken\n".getBytes(StandardCharsets.US_ASCII),
                "application/pdf", "x.pdf")));
    }

    @Test
    void pdfServedAsHtmlIsExtractedAsPdf() throws IOException {
        byte[] pdf = pdf("A PDF that a server labelled as a web page.", 1);
        Extraction e = extract(pdf, "text/html", null);
        assertEquals("application/pdf", e.contentType());
        assertEquals("tika:pdf", e.method());
        assertTrue(e.text().contains("A PDF that a server labelled as a web page."), e.text());
    }

    @Test
    void pdfBombIsRejected() throws IOException {
        // 1,500 pages that all point at one content stream: a few KB of file, 18 M chars of text.
        byte[] bomb = pdf("BOMB ".repeat(40), 60, 1500);
        assertTrue(bomb.length < 600_000, "bomb is small: " + bomb.length);
        long t0 = System.nanoTime();
        assertEquals("bomb", rule(() -> extract(bomb, "application/pdf", "bomb.pdf")));
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "stopped early, not after the whole document");
    }

    @Test
    void textIsCutAtMaxChars() {
        IngestSettings s = new IngestSettings();
        s.limits.maxChars = 1000;
        Extractor small = new Extractor(s.limits, s.content);
        byte[] b = ("<p>" + "word ".repeat(1000) + "</p>").getBytes(StandardCharsets.UTF_8);
        Extraction e = small.extract(new Payload(b, "text/html", null, b.length, false), null, Deadline.none());
        assertTrue(e.truncated());
        assertEquals(1000, e.text().length());
        s.limits.onMaxChars = "reject";
        Extractor strict = new Extractor(s.limits, s.content);
        assertEquals("too_long", rule(() -> strict.extract(new Payload(b, "text/html", null, b.length, false), null, Deadline.none())));
    }

    @Test
    void realPdfMatchesThePackagesOwnTextRendering() throws Exception {
        Path pdf = Corpora.file("pdf/debian-reference.zh-cn.pdf");
        String ref = Files.readString(Corpora.file("pdf/debian-reference.zh-cn.txt"));
        Extraction e = extract(Files.readAllBytes(pdf), null, pdf.getFileName().toString());
        TextOverlap.Score s = TextOverlap.tokens(e.text(), ref);
        assertTrue(s.precision() >= 0.95 && s.recall() >= 0.95, "P=" + s.precision() + " R=" + s.recall());
        assertFalse(e.text().contains("\f"));
    }

    static byte[] png() {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
    }

    /** A one-page PDF (PDFBox, standard font) showing {@code line} {@code times} times. */
    public static byte[] pdf(String line, int times) throws IOException {
        return pdf(line, times, 1);
    }

    /** {@code pages} pages sharing one content stream (and its resources), which shows {@code line} {@code times} times. */
    public static byte[] pdf(String line, int times, int pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                cs.newLineAtOffset(50, 700);
                for (int i = 0; i < times; i++) {
                    cs.showText(line);
                    cs.newLineAtOffset(0, i % 60 == 59 ? 600 : -10);
                }
                cs.endText();
            }
            for (int p = 1; p < pages; p++) {
                PDPage copy = new PDPage();
                copy.getCOSObject().setItem(org.apache.pdfbox.cos.COSName.CONTENTS,
                        page.getCOSObject().getDictionaryObject(org.apache.pdfbox.cos.COSName.CONTENTS));
                copy.setResources(page.getResources());
                doc.addPage(copy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
