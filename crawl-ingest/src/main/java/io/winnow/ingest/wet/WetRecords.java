package io.winnow.ingest.wet;

import io.winnow.core.doc.Document;
import io.winnow.ingest.IngestMetadata;
import io.winnow.ingest.Payloads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.netpreserve.jwarc.WarcConversion;

/**
 * WET {@code conversion} records: text that a crawler already extracted (Common Crawl's WET files),
 * UTF-8 by definition. They become documents directly; there is nothing left to extract.
 */
public final class WetRecords {
    private WetRecords() {}

    /** The record as a document (id, source, url, text, content type); null when it holds no text. */
    public static Document toDocument(WarcConversion rec, String source, long maxBytes) throws IOException {
        Payloads.Bounded b;
        try (InputStream in = rec.body().stream()) {
            b = Payloads.read(in, maxBytes);
        }
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(b.bytes())).toString().strip();
        if (text.isEmpty()) return null;
        Document d = new Document(rec.id().toString(), text);
        d.source(source);
        String t = rec.target();
        if (t != null) {
            t = t.strip();
            if (t.startsWith("<") && t.endsWith(">")) t = t.substring(1, t.length() - 1);
            d.url(t);
        }
        d.metadata().put(IngestMetadata.CONTENT_TYPE, rec.headers().first("Content-Type").orElse("text/plain"));
        d.metadata().put(IngestMetadata.RAW_BYTES, b.length());
        d.metadata().put(IngestMetadata.CHARSET, "UTF-8");
        d.metadata().put(IngestMetadata.EXTRACTION, "wet");
        if (b.oversized()) d.metadata().put(IngestMetadata.TRUNCATED, true);
        return d;
    }
}
