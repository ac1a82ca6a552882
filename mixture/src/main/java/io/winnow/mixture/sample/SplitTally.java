package io.winnow.mixture.sample;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one source put into one split: sequences written (copies count), distinct documents, tokens, text bytes. */
public final class SplitTally {
    public long docs;
    public long uniqueDocs;
    public long tokens;
    public long bytes;

    /** Adds copies of one document; {@code first} when they are its first in this split. */
    void addCopies(int copies, int tokenCount, int byteCount, boolean first) {
        docs += copies;
        if (first) uniqueDocs++;
        tokens += (long) copies * tokenCount;
        bytes += (long) copies * byteCount;
    }

    public void addAll(SplitTally o) {
        docs += o.docs;
        uniqueDocs += o.uniqueDocs;
        tokens += o.tokens;
        bytes += o.bytes;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documents", docs);
        m.put("unique_documents", uniqueDocs);
        m.put("tokens", tokens);
        m.put("bytes", bytes);
        return m;
    }

    public static SplitTally fromMap(Map<String, Object> m) {
        SplitTally t = new SplitTally();
        t.docs = ((Number) m.get("documents")).longValue();
        t.uniqueDocs = ((Number) m.get("unique_documents")).longValue();
        t.tokens = ((Number) m.get("tokens")).longValue();
        t.bytes = ((Number) m.get("bytes")).longValue();
        return t;
    }
}
