package io.winnow.core.shard;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record that could not be read: a malformed JSON line, an over-long line, or the damaged tail
 * of a truncated or corrupt compressed shard.
 *
 * @param file           the shard
 * @param line           1-based number of the record in the input, counted in {@code unit}s
 * @param offset         byte offset of the line in the decompressed stream
 * @param fileOffset     bytes of the (compressed) file consumed when the error was seen
 * @param error          what went wrong
 * @param raw            the record's bytes, as far as they could be read (may be a prefix)
 * @param rawComplete    false when {@code raw} is only a prefix of the record
 * @param unit           what {@code line} counts: {@code line} for shards; raw-input stages say
 *                       {@code record} (WARC) or {@code entry} (archives)
 */
public record BadRecord(Path file, long line, long offset, long fileOffset, String error, byte[] raw,
                        boolean rawComplete, String unit) {

    public BadRecord {
        if (unit == null) unit = "line";
    }

    /** A bad line of a shard. */
    public BadRecord(Path file, long line, long offset, long fileOffset, String error, byte[] raw, boolean rawComplete) {
        this(file, line, offset, fileOffset, error, raw, rawComplete, "line");
    }

    /** One-line description naming file and position, for logs and exceptions. */
    public String describe() {
        return file + ": " + unit + " " + line + " (byte " + offset + " decompressed, " + fileOffset + " in file): " + error;
    }

    /** The record as a JSON-ready map: raw bytes as text when they are valid UTF-8, else base64. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put(unit, line);
        m.put("offset", offset);
        m.put("file_offset", fileOffset);
        m.put("error", error);
        String text = utf8OrNull(raw);
        if (text != null) {
            m.put("raw", text);
        } else {
            m.put("raw_base64", Base64.getEncoder().encodeToString(raw));
        }
        m.put("raw_complete", rawComplete);
        return m;
    }

    private static String utf8OrNull(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
