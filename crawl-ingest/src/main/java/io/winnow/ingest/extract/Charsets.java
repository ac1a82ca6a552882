package io.winnow.ingest.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.html.charsetdetector.StandardHtmlEncodingDetector;
import org.apache.tika.parser.txt.CharsetDetector;
import org.apache.tika.parser.txt.CharsetMatch;

/**
 * Bytes to text with the charset chain: byte-order mark, then the HTTP header's charset, then the
 * document's own declaration ({@code <meta>} or the XML declaration), then detection (valid UTF-8,
 * else ICU's statistical detector), else windows-1252. Invalid bytes become U+FFFD; decoding never
 * fails.
 */
public final class Charsets {
    private Charsets() {}

    /** Decoded text, the charset used and which link of the chain chose it. */
    public record Decoded(String text, String charset, String source) {}

    private static final int PRESCAN = 8192;
    private static final int DETECT_BYTES = 64 * 1024;
    private static final Pattern CHARSET_PARAM = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([A-Za-z0-9._:+-]+)");
    private static final Pattern XML_DECL = Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:+-]+)[\"']");

    public static Decoded decode(byte[] b, String declaredContentType, boolean html) {
        // 1. Byte-order mark.
        if (startsWith(b, 0xEF, 0xBB, 0xBF)) return decoded(b, 3, StandardCharsets.UTF_8, "bom");
        if (startsWith(b, 0xFF, 0xFE)) return decoded(b, 2, StandardCharsets.UTF_16LE, "bom");
        if (startsWith(b, 0xFE, 0xFF)) return decoded(b, 2, StandardCharsets.UTF_16BE, "bom");
        // 2. Transport: the HTTP Content-Type charset.
        Charset header = charsetParam(declaredContentType);
        if (header != null) return decoded(b, 0, header, "header");
        // 3. The document's own declaration.
        if (html) {
            Charset meta = metaCharset(b);
            if (meta != null) return decoded(b, 0, meta, "meta");
        }
        Charset xml = xmlDeclaration(b);
        if (xml != null) return decoded(b, 0, xml, "meta");
        // 4. Detection.
        if (isValidUtf8(b)) return decoded(b, 0, StandardCharsets.UTF_8, "detected");
        Charset detected = detect(b);
        if (detected != null) return decoded(b, 0, detected, "detected");
        return decoded(b, 0, Charset.forName("windows-1252"), "default");
    }

    /** The charset parameter of a Content-Type value, if it names a charset this JVM has. */
    public static Charset charsetParam(String contentType) {
        if (contentType == null) return null;
        Matcher m = CHARSET_PARAM.matcher(contentType);
        return m.find() ? forName(m.group(1)) : null;
    }

    /**
     * A charset by label, following browsers where they differ from Java: latin-1 and ASCII labels
     * mean windows-1252 (a superset that also decodes the 0x80-0x9F range pages actually use).
     */
    public static Charset forName(String label) {
        if (label == null) return null;
        String l = label.strip().toLowerCase(Locale.ROOT);
        switch (l) {
            case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "iso_8859-1", "cp819" -> l = "windows-1252";
            case "utf8" -> l = "utf-8";
            case "gb2312", "gbk", "x-gbk" -> l = "gb18030";
            default -> { }
        }
        try {
            return Charset.isSupported(l) ? Charset.forName(l) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Charset metaCharset(byte[] b) {
        try {
            StandardHtmlEncodingDetector d = new StandardHtmlEncodingDetector();
            d.setMarkLimit(PRESCAN);
            Charset c = d.detect(new ByteArrayInputStream(b, 0, Math.min(b.length, PRESCAN)), new Metadata());
            // The prescan answers UTF-16 for a <meta> that says so, but then the page is ASCII-compatible (WHATWG).
            if (c == null) return null;
            if (c.name().startsWith("UTF-16")) return StandardCharsets.UTF_8;
            return forName(c.name());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Charset xmlDeclaration(byte[] b) {
        String head = new String(b, 0, Math.min(b.length, 256), StandardCharsets.ISO_8859_1);
        Matcher m = XML_DECL.matcher(head);
        return m.find() ? forName(m.group(1)) : null;
    }

    static boolean isValidUtf8(byte[] b) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            dec.decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static Charset detect(byte[] b) {
        try {
            CharsetDetector d = new CharsetDetector();
            d.setText(b.length > DETECT_BYTES ? Arrays.copyOf(b, DETECT_BYTES) : b);
            CharsetMatch m = d.detect();
            if (m == null || m.getConfidence() < 10) return null;
            return forName(m.getName());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Decoded decoded(byte[] b, int skip, Charset cs, String source) {
        String text;
        try {
            text = cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(b, skip, b.length - skip)).toString();
        } catch (CharacterCodingException e) {
            text = new String(b, skip, b.length - skip, cs); // unreachable with REPLACE; keeps the compiler happy
        }
        return new Decoded(text, cs.name(), source);
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xFF) != prefix[i]) return false;
        return true;
    }
}
