package io.winnow.core.doc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Document ↔ one JSON object, with Jackson's streaming API: the known fields are read token by
 * token; only metadata values and unknown fields are bound as generic maps/lists.
 */
public final class DocumentJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private DocumentJson() {}

    /** Thrown for a record that is valid JSON text but not a document, or not valid JSON. */
    public static final class MalformedDocumentException extends IOException {
        public MalformedDocumentException(String message) { super(message); }
        public MalformedDocumentException(String message, Throwable cause) { super(message, cause); }
    }

    public static Document parse(String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    /** Parses exactly one JSON object from {@code buf[off, off+len)}; trailing content is an error. */
    public static Document parse(byte[] buf, int off, int len) throws IOException {
        try (JsonParser p = FACTORY.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedDocumentException("expected a JSON object");
            }
            Document d = new Document();
            boolean sawText = false;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "id" -> d.id(scalar(p, v, field));
                    case "text" -> {
                        if (v != JsonToken.VALUE_STRING) {
                            throw new MalformedDocumentException("field 'text' must be a string, found " + v);
                        }
                        d.text(p.getText());
                        sawText = true;
                    }
                    case "source" -> d.source(scalar(p, v, field));
                    case "url" -> d.url(scalar(p, v, field));
                    case "lang" -> d.lang(scalar(p, v, field));
                    case "metadata" -> readMetadata(p, v, d);
                    case "scores" -> readScores(p, v, d);
                    default -> d.extra().put(field, p.readValueAs(Object.class));
                }
            }
            if (p.nextToken() != null) {
                throw new MalformedDocumentException("unexpected content after the JSON object");
            }
            if (!sawText) throw new MalformedDocumentException("no 'text' field");
            return d;
        } catch (MalformedDocumentException e) {
            throw e;
        } catch (IOException e) {
            // Jackson's message carries a source excerpt; keep only the first line.
            String m = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new MalformedDocumentException("invalid JSON: " + m, e);
        }
    }

    private static String scalar(JsonParser p, JsonToken v, String field) throws IOException {
        if (v == JsonToken.VALUE_NULL) return null;
        if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getText();
        }
        throw new MalformedDocumentException("field '" + field + "' must be a string, found " + v);
    }

    @SuppressWarnings("unchecked")
    private static void readMetadata(JsonParser p, JsonToken v, Document d) throws IOException {
        if (v == JsonToken.VALUE_NULL) return;
        if (v != JsonToken.START_OBJECT) throw new MalformedDocumentException("field 'metadata' must be an object");
        d.metadata().putAll(p.readValueAs(LinkedHashMap.class));
    }

    private static void readScores(JsonParser p, JsonToken v, Document d) throws IOException {
        if (v == JsonToken.VALUE_NULL) return;
        if (v != JsonToken.START_OBJECT) throw new MalformedDocumentException("field 'scores' must be an object");
        Map<String, Number> scores = d.scores();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            JsonToken n = p.nextToken();
            if (n == JsonToken.VALUE_NUMBER_INT) {
                scores.put(key, p.getLongValue());
            } else if (n == JsonToken.VALUE_NUMBER_FLOAT) {
                scores.put(key, p.getDoubleValue());
            } else {
                throw new MalformedDocumentException("scores." + key + " must be a number, found " + n);
            }
        }
    }

    /** Writes the document as one JSON object (no newline). */
    public static void write(Document d, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (d.id() != null) g.writeStringField("id", d.id());
        if (d.text() != null) g.writeStringField("text", d.text());
        if (d.source() != null) g.writeStringField("source", d.source());
        if (d.url() != null) g.writeStringField("url", d.url());
        if (d.lang() != null) g.writeStringField("lang", d.lang());
        if (d.hasMetadata()) {
            g.writeFieldName("metadata");
            g.writeObject(d.metadata());
        }
        if (d.hasScores()) {
            g.writeObjectFieldStart("scores");
            for (Map.Entry<String, Number> e : d.scores().entrySet()) {
                g.writeFieldName(e.getKey());
                Number n = e.getValue();
                if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
                    g.writeNumber(n.longValue());
                } else {
                    g.writeNumber(n.doubleValue());
                }
            }
            g.writeEndObject();
        }
        if (d.hasExtra()) {
            for (Map.Entry<String, Object> e : d.extra().entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeObject(e.getValue());
            }
        }
        g.writeEndObject();
    }

    public static String toJson(Document d) {
        return new String(toBytes(d), StandardCharsets.UTF_8);
    }

    public static byte[] toBytes(Document d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(d, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A generator over {@code out}, bound to the mapper that serializes metadata values. */
    public static JsonGenerator generator(java.io.OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }
}
