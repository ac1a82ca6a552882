package io.winnow.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/** Builds small WARC files with jwarc for tests: HTTP responses written byte for byte. */
public final class TestWarcs {
    private TestWarcs() {}

    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    /** A raw HTTP/1.1 response; {@code contentType} null leaves the header out. */
    public static byte[] http(int status, String contentType, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(status == 200 ? " OK" : " Other").append("\r\n");
        if (contentType != null) h.append("Content-Type: ").append(contentType).append("\r\n");
        h.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static WarcResponse response(String url, Instant date, int status, String contentType, byte[] body) throws IOException {
        return new WarcResponse.Builder(URI.create(url)).date(date)
                .body(MediaType.HTTP_RESPONSE, http(status, contentType, body)).build();
    }

    static WarcResponse html(String url, Instant date, String html) throws IOException {
        return response(url, date, 200, "text/html; charset=UTF-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static WarcRequest request(String url) throws IOException {
        byte[] req = ("GET / HTTP/1.1\r\nHost: example\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        return new WarcRequest.Builder(URI.create(url)).date(T0).body(MediaType.HTTP_REQUEST, req).build();
    }

    static WarcConversion conversion(String url, String text) {
        return new WarcConversion.Builder().date(T0).addHeader("WARC-Target-URI", url)
                .body(MediaType.PLAIN_TEXT, text.getBytes(StandardCharsets.UTF_8)).build();
    }

    public static Path write(Path p, WarcCompression c, List<? extends WarcRecord> records) throws IOException {
        try (WarcWriter w = new WarcWriter(FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), c)) {
            for (WarcRecord r : records) w.write(r);
        }
        return p;
    }

    /** A small page: a navigation bar, a heading and paragraphs of real prose passed in. */
    static String page(String title, String nav, String... paragraphs) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><head><title>").append(title).append("</title></head><body>");
        sb.append("<nav><a href='/'>Home</a> <a href='/a'>").append(nav).append("</a></nav>");
        sb.append("<h1>").append(title).append("</h1>");
        for (String p : paragraphs) sb.append("<p>").append(p).append("</p>");
        sb.append("<footer>Footer text for every page</footer></body></html>");
        return sb.toString();
    }
}
