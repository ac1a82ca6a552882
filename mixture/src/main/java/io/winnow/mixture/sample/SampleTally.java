package io.winnow.mixture.sample;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sampling outcome of one source: its train and validation splits, the tokens expected from the plan,
 * and how many documents hit the {@code max_epochs} cap.
 */
public final class SampleTally {
    public final SplitTally train = new SplitTally();
    public final SplitTally valid = new SplitTally();
    public double expectedTokens;
    public long cappedDocs;

    public void addAll(SampleTally o) {
        train.addAll(o.train);
        valid.addAll(o.valid);
        expectedTokens += o.expectedTokens;
        cappedDocs += o.cappedDocs;
    }

    public long tokens() { return train.tokens + valid.tokens; }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train", train.toMap());
        m.put("valid", valid.toMap());
        m.put("expected_tokens", expectedTokens);
        m.put("capped_docs", cappedDocs);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static SampleTally fromMap(Map<String, Object> m) {
        SampleTally t = new SampleTally();
        t.train.addAll(SplitTally.fromMap((Map<String, Object>) m.get("train")));
        t.valid.addAll(SplitTally.fromMap((Map<String, Object>) m.get("valid")));
        t.expectedTokens = ((Number) m.get("expected_tokens")).doubleValue();
        t.cappedDocs = ((Number) m.get("capped_docs")).longValue();
        return t;
    }
}
