package io.winnow.core.step;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Counters for one step over one or more shards: documents and text bytes in and out, time, drops by rule. */
public final class StepStats {
    private final String name;
    private long docsIn;
    private long docsOut;
    private long docsRejected;
    private long bytesIn;
    private long bytesOut;
    private long bytesRejected;
    private long nanos;
    private final Map<String, Long> rejectedByRule = new TreeMap<>();
    private final Map<String, Long> counters = new TreeMap<>();

    public StepStats(String name) {
        this.name = name;
    }

    public String name() { return name; }
    public long docsIn() { return docsIn; }
    public long docsOut() { return docsOut; }
    public long docsRejected() { return docsRejected; }
    public long bytesIn() { return bytesIn; }
    public long bytesOut() { return bytesOut; }
    public long bytesRejected() { return bytesRejected; }
    public long nanos() { return nanos; }
    public Map<String, Long> rejectedByRule() { return rejectedByRule; }
    public Map<String, Long> counters() { return counters; }

    void in(int bytes) { docsIn++; bytesIn += bytes; }
    void out(int bytes) { docsOut++; bytesOut += bytes; }
    void rejected(String rule, int bytes) {
        docsRejected++;
        bytesRejected += bytes;
        rejectedByRule.merge(rule, 1L, Long::sum);
    }
    void time(long n) { nanos += n; }
    void count(String counter, long amount) { counters.merge(counter, amount, Long::sum); }

    public void add(StepStats o) {
        docsIn += o.docsIn;
        docsOut += o.docsOut;
        docsRejected += o.docsRejected;
        bytesIn += o.bytesIn;
        bytesOut += o.bytesOut;
        bytesRejected += o.bytesRejected;
        nanos += o.nanos;
        o.rejectedByRule.forEach((k, v) -> rejectedByRule.merge(k, v, Long::sum));
        o.counters.forEach((k, v) -> counters.merge(k, v, Long::sum));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("docs_in", docsIn);
        m.put("docs_out", docsOut);
        m.put("docs_rejected", docsRejected);
        m.put("bytes_in", bytesIn);
        m.put("bytes_out", bytesOut);
        m.put("bytes_rejected", bytesRejected);
        m.put("seconds", nanos / 1e9);
        m.put("rejected_by_rule", new TreeMap<>(rejectedByRule));
        if (!counters.isEmpty()) m.put("counters", new TreeMap<>(counters));
        return m;
    }

    @SuppressWarnings("unchecked")
    public static StepStats fromMap(Map<String, Object> m) {
        StepStats s = new StepStats((String) m.get("name"));
        s.docsIn = num(m, "docs_in");
        s.docsOut = num(m, "docs_out");
        s.docsRejected = num(m, "docs_rejected");
        s.bytesIn = num(m, "bytes_in");
        s.bytesOut = num(m, "bytes_out");
        s.bytesRejected = num(m, "bytes_rejected");
        s.nanos = Math.round(((Number) m.getOrDefault("seconds", 0)).doubleValue() * 1e9);
        Map<String, Object> r = (Map<String, Object>) m.getOrDefault("rejected_by_rule", Map.of());
        r.forEach((k, v) -> s.rejectedByRule.put(k, ((Number) v).longValue()));
        Map<String, Object> c = (Map<String, Object>) m.getOrDefault("counters", Map.of());
        c.forEach((k, v) -> s.counters.put(k, ((Number) v).longValue()));
        return s;
    }

    private static long num(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? 0 : ((Number) v).longValue();
    }
}
