package io.winnow.report;

import io.winnow.core.doc.Document;
import io.winnow.core.shard.Compression;
import io.winnow.core.shard.ShardReader;
import io.winnow.tokenizer.encode.BpeEncoder;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a set of shards holds, from a bounded read: documents and bytes per language and per
 * source, a length histogram, score values, and groups of duplicates. At most {@code maxDocs}
 * documents are read, spread evenly over the shards, so a report of a large run stays fast; the
 * profile says how many it read and scales counts to the shard totals it knows. With a tokenizer,
 * every document read is also encoded, for token counts and a token-length histogram.
 */
final class Profile {
    static final int[] LENGTH_BUCKETS = {0, 100, 300, 1_000, 3_000, 10_000, 30_000, 100_000, Integer.MAX_VALUE};
    /** Token lengths, with edges at typical training sequence lengths (Baichuan 2: 4,096). */
    static final int[] TOKEN_BUCKETS = {0, 32, 128, 512, 1_024, 2_048, 4_096, 16_384, Integer.MAX_VALUE};

    long docs;
    long bytes;
    long tokens;
    /** Per language and per source: documents, UTF-8 bytes, tokens (0 without a tokenizer). */
    final Map<String, long[]> byLang = new TreeMap<>();
    final Map<String, long[]> bySource = new TreeMap<>();
    final long[] lengthHistogram = new long[LENGTH_BUCKETS.length - 1];
    final long[] tokenHistogram = new long[TOKEN_BUCKETS.length - 1];
    /** Null: no token counts. */
    private final BpeEncoder encoder;
    private final IntArrayList ids = new IntArrayList();
    final Map<String, List<Double>> scores = new TreeMap<>();
    final Map<String, Long> rejectReasons = new TreeMap<>();
    final Map<String, List<String>> duplicateGroups = new TreeMap<>();
    /** Documents a dedup step removed, by source. */
    final Map<String, long[]> rejectedBySource = new TreeMap<>();
    private static final int MAX_SCORE_VALUES = 20_000;

    Profile(BpeEncoder encoder) {
        this.encoder = encoder;
    }

    boolean hasTokens() { return encoder != null; }

    static Profile of(Path dir, int maxDocs, BpeEncoder encoder) throws IOException {
        Profile p = new Profile(encoder);
        List<Path> shards = shards(dir);
        if (shards.isEmpty()) return p;
        int perShard = Math.max(1, maxDocs / shards.size());
        for (Path s : shards) {
            try (ShardReader r = new ShardReader(s, ShardReader.DEFAULT_MAX_RECORD_BYTES, bad -> { })) {
                Document d;
                int n = 0;
                while (n++ < perShard && (d = r.next()) != null) p.add(d);
            }
        }
        return p;
    }

    static List<Path> shards(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> Compression.of(f) != null)
                    .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    void add(Document d) {
        docs++;
        int b = d.textBytes();
        bytes += b;
        int t = 0;
        if (encoder != null) {
            // as the mix tokenizes a document: its whole text at once
            ids.clear();
            byte[] text = d.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            encoder.encode(text, 0, text.length, ids);
            t = ids.size();
            tokens += t;
            bucket(tokenHistogram, TOKEN_BUCKETS, t);
        }
        bump(byLang, d.lang() == null ? "(none)" : d.lang(), b, t);
        bump(bySource, d.source() == null ? "(none)" : d.source(), b, t);
        bucket(lengthHistogram, LENGTH_BUCKETS, d.text().length());
        if (d.hasScores()) {
            d.scores().forEach((k, v) -> {
                List<Double> vals = scores.computeIfAbsent(k, x -> new ArrayList<>());
                if (vals.size() < MAX_SCORE_VALUES) vals.add(v.doubleValue());
            });
        }
        String reason = d.rejectReason();
        if (reason != null) {
            rejectReasons.merge(reason, 1L, Long::sum);
            if (!isDuplicateReason(reason)) return;
            bump(rejectedBySource, d.source() == null ? "(none)" : d.source(), b, t);
            Object of = d.hasMetadata() ? d.metadata().getOrDefault("duplicate_of", d.metadata().get("cluster_id")) : null;
            if (of != null) {
                List<String> g = duplicateGroups.computeIfAbsent(String.valueOf(of), x -> new ArrayList<>());
                if (g.size() < 5) g.add(d.id());
                else g.set(4, "… +" + (g.size() - 4));
            }
        }
    }

    /** Rejections by a dedup step ({@code exact_dedup:duplicate}, {@code span_dedup:…}, {@code dedup:…}). */
    static boolean isDuplicateReason(String reason) {
        int colon = reason.indexOf(':');
        String step = colon < 0 ? reason : reason.substring(0, colon);
        return step.contains("dedup") || reason.endsWith(":duplicate");
    }

    private static void bucket(long[] histogram, int[] edges, int value) {
        for (int i = 0; i < histogram.length; i++) {
            if (value < edges[i + 1]) {
                histogram[i]++;
                return;
            }
        }
    }

    private static void bump(Map<String, long[]> m, String key, int bytes, int tokens) {
        long[] v = m.computeIfAbsent(key, k -> new long[3]);
        v[0]++;
        v[1] += bytes;
        v[2] += tokens;
    }

    static List<String> bucketLabels(int[] edges) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < edges.length - 1; i++) labels.add(bucketLabel(edges, i));
        return labels;
    }

    private static String bucketLabel(int[] edges, int i) {
        int lo = edges[i];
        int hi = edges[i + 1];
        return hi == Integer.MAX_VALUE ? "≥" + human(lo) : human(lo) + "–" + human(hi);
    }

    private static String human(int n) {
        if (n >= 1024 && n % 1024 == 0 && Integer.bitCount(n) == 1) return (n / 1024) + "Ki";  // token edges: 1Ki, 2Ki, 4Ki, 16Ki
        return n >= 1000 ? (n / 1000) + "k" : Integer.toString(n);
    }
}
