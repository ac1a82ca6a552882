package io.winnow.bench;

import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import io.winnow.core.doc.Utf8;
import io.winnow.core.shard.ShardFiles;
import io.winnow.core.shard.ShardReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A benchmark corpus built from real text: the sample shards written by
 * {@code scripts/fetch-sample-data.sh} (English and Chinese fortunes, Tang and Song poems).
 *
 * <p>Fortunes are short (a few hundred bytes), so each benchmark document joins randomly drawn
 * fortunes of one language until its text reaches a size drawn uniformly from
 * [{@link #MIN_DOC_BYTES}, {@link #MAX_DOC_BYTES}] UTF-8 bytes, about the size of a cleaned web
 * page. Fortunes are drawn from a shuffled deck per language (reshuffled when used up), so every
 * fortune is used about equally often and repeats are far apart. Languages are mixed in proportion
 * to their share of the sample. The build is deterministic for a given sample and size.
 */
public final class SampleCorpus {
    public static final int MIN_DOC_BYTES = 2_000;
    public static final int MAX_DOC_BYTES = 5_000;
    public static final String SAMPLE_PROPERTY = "winnow.sample";
    /** The sample sets used, under the sample directory; other sets there are ignored. */
    public static final List<String> SETS = List.of("fortunes-en", "fortunes-zh");
    private static final long SEED = 20240611L;

    private final Path sampleDir;
    private final List<Document> documents;
    private final long jsonBytes;
    private final long sampleFortunes;
    private final long sampleTextBytes;
    private final Map<String, long[]> byLang; // lang -> {documents, json bytes}

    private SampleCorpus(Path sampleDir, List<Document> documents, long jsonBytes, long sampleFortunes,
                         long sampleTextBytes, Map<String, long[]> byLang) {
        this.sampleDir = sampleDir;
        this.documents = documents;
        this.jsonBytes = jsonBytes;
        this.sampleFortunes = sampleFortunes;
        this.sampleTextBytes = sampleTextBytes;
        this.byLang = byLang;
    }

    /** The documents, in write order. Shared read-only between benchmark threads. */
    public List<Document> documents() { return documents; }

    /**
     * Size of the documents as JSON lines ({@code DocumentJson.toBytes} plus a newline each). Used to
     * size the corpus; the benchmarks count what {@code ShardWriter.bytes()} reports instead.
     */
    public long jsonBytes() { return jsonBytes; }

    public Path sampleDir() { return sampleDir; }

    /** Distinct fortunes read from the sample. */
    public long sampleFortunes() { return sampleFortunes; }

    /** UTF-8 bytes of distinct fortune text in the sample. */
    public long sampleTextBytes() { return sampleTextBytes; }

    /** Per language: {documents, uncompressed JSON bytes}. */
    public Map<String, long[]> byLanguage() { return byLang; }

    /**
     * The sample directory: {@code configured} when not blank, else the system property
     * {@value #SAMPLE_PROPERTY}, else {@code data/sample} of the repository found above the
     * working directory. Fails with instructions when the sample has not been fetched.
     */
    public static Path resolveSampleDir(String configured) {
        String v = configured != null && !configured.isBlank() ? configured : System.getProperty(SAMPLE_PROPERTY, "");
        Path dir;
        if (!v.isBlank()) {
            dir = Path.of(v);
        } else {
            Path root = RepoRoot.find();
            dir = (root != null ? root : Path.of("")).resolve("data/sample");
        }
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs) || !Files.exists(abs.resolve(".complete"))
                || !SETS.stream().allMatch(set -> Files.isDirectory(abs.resolve(set)))) {
            throw new IllegalStateException("No sample data (" + String.join(", ", SETS) + ") at " + abs
                    + ". The shard benchmarks read real text:"
                    + " run scripts/fetch-sample-data.sh (from the repository root) first, or point"
                    + " -p sample=DIR / -D" + SAMPLE_PROPERTY + "=DIR at a directory it wrote.");
        }
        return abs;
    }

    /** Builds a corpus of at least {@code targetJsonBytes} uncompressed JSON from the sample at {@code sampleDir}. */
    public static SampleCorpus build(Path sampleDir, long targetJsonBytes) {
        Map<String, List<String>> pools = new LinkedHashMap<>();
        long fortunes = 0;
        long textBytes = 0;
        try {
            for (Path shard : ShardFiles.list(SETS.stream().map(sampleDir::resolve).toList())) {
                try (ShardReader r = new ShardReader(shard, ShardReader.DEFAULT_MAX_RECORD_BYTES, bad -> {
                    throw new IllegalStateException("bad record in sample data: " + bad.describe()
                            + " (re-run scripts/fetch-sample-data.sh)");
                })) {
                    for (Document d; (d = r.next()) != null; ) {
                        String text = d.text() == null ? "" : d.text().strip();
                        if (text.isEmpty()) continue;
                        String lang = d.lang() == null ? "und" : d.lang();
                        pools.computeIfAbsent(lang, k -> new ArrayList<>()).add(text);
                        fortunes++;
                        textBytes += Utf8.length(text);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample data in " + sampleDir, e);
        }
        if (fortunes == 0) {
            throw new IllegalStateException(sampleDir + " holds no documents; re-run scripts/fetch-sample-data.sh");
        }

        Random rnd = new Random(SEED);
        List<String> langs = new ArrayList<>(pools.keySet());
        double[] cumulative = new double[langs.size()];
        double acc = 0;
        for (int i = 0; i < langs.size(); i++) {
            acc += pools.get(langs.get(i)).stream().mapToLong(Utf8::length).sum();
            cumulative[i] = acc;
        }
        Map<String, Deck> decks = new LinkedHashMap<>();
        for (String l : langs) decks.put(l, new Deck(pools.get(l), rnd));

        List<Document> docs = new ArrayList<>();
        Map<String, long[]> byLang = new LinkedHashMap<>();
        long json = 0;
        StringBuilder sb = new StringBuilder(MAX_DOC_BYTES + 4096);
        while (json < targetJsonBytes) {
            double pick = rnd.nextDouble() * acc;
            int li = 0;
            while (li < cumulative.length - 1 && pick >= cumulative[li]) li++;
            String lang = langs.get(li);
            Deck deck = decks.get(lang);
            int target = MIN_DOC_BYTES + rnd.nextInt(MAX_DOC_BYTES - MIN_DOC_BYTES + 1);
            sb.setLength(0);
            int bytes = 0;
            int parts = 0;
            while (bytes < target) {
                if (parts > 0) {
                    sb.append("\n\n");
                    bytes += 2;
                }
                String f = deck.next();
                sb.append(f);
                bytes += Utf8.length(f);
                parts++;
            }
            Document d = new Document(String.format("bench-%s-%07d", lang, docs.size()), sb.toString())
                    .source("bench:fortunes-" + lang)
                    .lang(lang);
            d.metadata().put("parts", parts);
            d.metadata().put("text_bytes", bytes);
            long line = DocumentJson.toBytes(d).length + 1L;
            json += line;
            long[] s = byLang.computeIfAbsent(lang, k -> new long[2]);
            s[0]++;
            s[1] += line;
            docs.add(d);
        }
        return new SampleCorpus(sampleDir, Collections.unmodifiableList(docs), json, fortunes, textBytes, byLang);
    }

    /** Draws every item once in random order, then reshuffles. */
    private static final class Deck {
        private final List<String> items;
        private final Random rnd;
        private int next;

        Deck(List<String> items, Random rnd) {
            this.items = new ArrayList<>(items);
            this.rnd = rnd;
            Collections.shuffle(this.items, rnd);
        }

        String next() {
            if (next == items.size()) {
                Collections.shuffle(items, rnd);
                next = 0;
            }
            return items.get(next++);
        }
    }
}
