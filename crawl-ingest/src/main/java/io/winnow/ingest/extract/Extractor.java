package io.winnow.ingest.extract;

import io.winnow.ingest.IngestSettings;
import io.winnow.ingest.Payload;
import io.winnow.ingest.content.HtmlContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.html.JSoupParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.apache.tika.sax.boilerpipe.BoilerpipeContentHandler;
import org.xml.sax.SAXException;

/**
 * Payload to text: checks the limits, settles the type (declared, checked against the bytes),
 * decodes text formats through the {@link Charsets} chain and hands HTML to the main-content
 * extractor and PDF/DOCX/ODT/EPUB to Tika. Thread-safe; one instance serves every worker. Every
 * failure is an {@link ExtractException} whose rule becomes the reject reason.
 */
public final class Extractor {
    static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml", "application/vnd.wap.xhtml+xml");
    static final Set<String> TEXT = Set.of("text/plain", "text/markdown", "text/x-web-markdown", "text/x-markdown", "text/x-rst");
    static final Set<String> TIKA = Set.of("application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword",
            "application/vnd.oasis.opendocument.text", "application/epub+zip");

    static {
        // POI (under Tika's Office parsers) logs through Log4j's API; without a provider it prints a
        // warning on first use. Route it to Log4j's simple logger unless the user chose one.
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
    }

    private static volatile Detector detector;
    private static volatile Parser parser;

    private final IngestSettings.Limits limits;
    private final String method;

    public Extractor(IngestSettings.Limits limits, IngestSettings.Content content) {
        this.limits = limits;
        this.method = content.method;
    }

    static Detector detector() {
        if (detector == null) {
            synchronized (Extractor.class) {
                if (detector == null) detector = TikaConfig.getDefaultConfig().getDetector();
            }
        }
        return detector;
    }

    static Parser parser() {
        if (parser == null) {
            synchronized (Extractor.class) {
                if (parser == null) parser = new AutoDetectParser(TikaConfig.getDefaultConfig());
            }
        }
        return parser;
    }

    public Extraction extract(Payload p, String url, Deadline deadline) {
        if (p.oversized()) {
            throw new ExtractException("too_large", p.rawLength() + " bytes is over limits.max_bytes (" + limits.maxBytes + ")");
        }
        byte[] b = p.bytes();
        if (b.length == 0) throw new ExtractException("empty", "zero-length payload");
        String type = resolveType(p);
        Extraction x;
        if (HTML.contains(type)) {
            x = html(b, p.declaredType(), type, url, deadline);
        } else if (TEXT.contains(type)) {
            if (looksBinary(b)) throw new ExtractException("binary_content", "declared " + type + " but the bytes are binary");
            Charsets.Decoded d = Charsets.decode(b, p.declaredType(), false);
            x = new Extraction(d.text(), "text", type, d.charset(), d.source(), null, false, null);
        } else if (TIKA.contains(type)) {
            x = tika(b, p.name(), type, deadline);
        } else {
            throw new ExtractException("unsupported_type", "no text extraction for " + type);
        }
        deadline.check();
        String text = TextCleanup.clean(x.text());
        boolean truncated = x.truncated();
        if (text.length() > limits.maxChars) {
            if (limits.onMaxChars.equals("reject")) {
                throw new ExtractException("too_long", text.length() + " chars is over limits.max_chars (" + limits.maxChars + ")");
            }
            int cut = limits.maxChars;
            if (Character.isHighSurrogate(text.charAt(cut - 1))) cut--;
            text = text.substring(0, cut);
            truncated = true;
        }
        return new Extraction(text, x.method(), x.contentType(), x.charset(), x.charsetSource(), x.title(), truncated, x.blocks());
    }

    /** The declared type, unless the bytes say it is something else (a PDF served as text/html, garbage served as HTML). */
    String resolveType(Payload p) {
        String declared = baseType(p.declaredType());
        byte[] b = p.bytes();
        if (declared != null && !declared.equals("application/octet-stream") && !declared.equals("binary/octet-stream")) {
            if (HTML.contains(declared) || TEXT.contains(declared)) {
                // Only a binary signature overrides a text label; Tika's full detection runs only then.
                if (binarySignature(b)) {
                    String magic = detect(b, null);
                    if (TIKA.contains(magic) || magic.startsWith("image/") || magic.equals("application/zip")) return magic;
                }
                if (looksBinary(b)) throw new ExtractException("binary_content", "declared " + declared + " but the bytes are binary");
                return declared;
            }
            if (declared.equals("application/pdf") && startsWith(b, "%PDF")) return declared;
        }
        return detect(b, p.name());
    }

    static String detect(byte[] b, String name) {
        Metadata md = new Metadata();
        if (name != null) md.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        try (TikaInputStream in = TikaInputStream.get(b)) {
            MediaType t = detector().detect(in, md);
            return t.getBaseType().toString().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }

    private Extraction html(byte[] b, String declared, String type, String url, Deadline deadline) {
        Charsets.Decoded d = Charsets.decode(b, declared, true);
        deadline.check();
        if (method.equals("boilerpipe")) {
            BoilerpipeContentHandler bp = new BoilerpipeContentHandler(new BodyContentHandler(-1));
            Metadata md = new Metadata();
            md.set(Metadata.CONTENT_TYPE, "text/html; charset=UTF-8");
            ParseContext ctx = new ParseContext();
            EncodingDetector utf8 = (in, m) -> StandardCharsets.UTF_8;
            ctx.set(EncodingDetector.class, utf8);
            try {
                new JSoupParser().parse(new ByteArrayInputStream(d.text().getBytes(StandardCharsets.UTF_8)),
                        new DeadlineContentHandler(bp, deadline, b.length, limits.maxCompressionRatio, limits.maxDepth), md, ctx);
            } catch (IOException | SAXException | TikaException e) {
                throw failure(e);
            }
            return new Extraction(bp.getTextDocument().getContent(), "html:boilerpipe", type, d.charset(), d.source(),
                    md.get(TikaCoreProperties.TITLE), false, null);
        }
        HtmlContent.Method m = method.equals("full") ? HtmlContent.Method.FULL : HtmlContent.Method.WINNOW;
        HtmlContent.Page page = HtmlContent.extract(d.text(), url, m, deadline);
        return new Extraction(page.text(), "html:" + method, type, d.charset(), d.source(),
                page.title().isEmpty() ? null : page.title(), false, page.blocks());
    }

    private Extraction tika(byte[] b, String name, String type, Deadline deadline) {
        Metadata md = new Metadata();
        if (name != null) md.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        md.set(Metadata.CONTENT_TYPE, type);
        ParseContext ctx = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setExtractInlineImages(false);
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractAnnotationText(false);
        ctx.set(PDFParserConfig.class, pdf);
        StringWriter out = new StringWriter();
        // +1 so that reaching the limit is visible as truncation rather than an exact fit.
        WriteOutContentHandler write = new WriteOutContentHandler(out, limits.maxChars + 1);
        boolean truncated = false;
        try (TikaInputStream in = TikaInputStream.get(b)) {
            parser().parse(in, new DeadlineContentHandler(new BodyContentHandler(write), deadline, b.length,
                    limits.maxCompressionRatio, limits.maxDepth), md, ctx);
        } catch (EncryptedDocumentException e) {
            throw new ExtractException("encrypted", "the document is encrypted", e);
        } catch (IOException | SAXException | TikaException e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                truncated = true;
            } else {
                throw failure(e);
            }
        }
        String text = out.toString();
        text = type.equals("application/pdf") ? TextCleanup.dropPageFurniture(text)
                : text.replace(DeadlineContentHandler.PAGE_BREAK, '\n');
        String sub = type.substring(type.indexOf('/') + 1);
        String short_ = switch (type) {
            case "application/pdf" -> "pdf";
            case "application/epub+zip" -> "epub";
            case "application/vnd.oasis.opendocument.text" -> "odt";
            case "application/msword" -> "doc";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "docx";
            default -> sub;
        };
        return new Extraction(text, "tika:" + short_, type, null, null, md.get(TikaCoreProperties.TITLE), truncated, null);
    }

    /** Maps a parser failure to a reject: our own limit exceptions keep their rule, the rest is parse_error. */
    private static ExtractException failure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ExtractException x) return x;
            if (t instanceof EncryptedDocumentException) return new ExtractException("encrypted", "the document is encrypted", e);
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ExtractException("parse_error", m.lines().findFirst().orElse(m), e);
    }

    /** Starts like a PDF, a zip container (DOCX, ODT, EPUB), an OLE file (DOC), an image or gzip. */
    static boolean binarySignature(byte[] b) {
        return startsWith(b, "%PDF-") || startsWith(b, "PK\u0003\u0004") || startsWith(b, "GIF8") || startsWith(b, "\u0089PNG")
                || (b.length >= 4 && (b[0] & 0xFF) == 0xD0 && (b[1] & 0xFF) == 0xCF && (b[2] & 0xFF) == 0x11 && (b[3] & 0xFF) == 0xE0)
                || (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF)
                || (b.length >= 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B)
                || (b.length >= 12 && startsWith(b, "RIFF") && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P');
    }

    /** NUL bytes or more than 2% other control bytes in the first 8 KB: not text, whatever the label says. */
    static boolean looksBinary(byte[] b) {
        int n = Math.min(b.length, 8192);
        if (n >= 2 && ((b[0] == (byte) 0xFF && b[1] == (byte) 0xFE) || (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF))) return false;
        int controls = 0;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (c == 0) return true;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) controls++;
        }
        return controls > n / 50;
    }

    static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) return null;
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] b, String prefix) {
        if (b.length < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) if ((b[i] & 0xFF) != prefix.charAt(i)) return false;
        return true;
    }
}
