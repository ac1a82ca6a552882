package io.winnow.mixture.testing;

import io.winnow.core.doc.Document;
import io.winnow.core.shard.ShardReader;
import io.winnow.core.step.Emitter;
import io.winnow.core.steps.ChunkSplitter;
import io.winnow.core.shard.ShardWriter;
import io.winnow.core.testing.Corpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real text for the mixture tests, cut from the shared corpora into several shards per source (built once per
 * JVM under {@code target/mix-test-data}):
 * <ul>
 * <li>{@code en/}: every 5th English fortune (Debian fortunes), 4 shards (.jsonl.zst);
 * <li>{@code zh/}: every 100th Chinese poem (chinese-poetry), 3 shards (.jsonl.gz), plus 150 Chinese man pages;
 * <li>{@code code/}: the first 25 Perl pod pages (prose with code), 1 shard.
 * </ul>
 * Man pages and pod pages are cut into pieces of at most 4,000 characters by core's {@code chunk} step, as the
 * quickstart pipeline does before mixing: a source should be many documents, not a few huge ones.
 * Each document gets two scores computed from its own text, standing in for what upstream stages write:
 * {@code scores.caps_ratio} (upper-case share of its letters) and {@code scores.quality} (share of its
 * non-space characters that are letters or ideographs).
 */
public final class RealShards {
    private static final String VERSION = "2";
    private static Path dir;

    private RealShards() {}

    public static synchronized Path dir() throws Exception {
        if (dir != null) return dir;
        Path d = Path.of("target", "mix-test-data").toAbsolutePath();
        if (!Files.exists(d.resolve(".complete")) || !Files.readString(d.resolve(".complete")).equals(VERSION)) {
            Path corpora = Corpora.dir();
            deleteTree(d);
            List<Document> en = new ArrayList<>();
            long i = 0;
            for (Document doc : read(corpora.resolve("jsonl/fortunes.jsonl"))) {
                if ("en".equals(doc.lang()) && i++ % 5 == 0) en.add(scored(doc));
            }
            write(d.resolve("en"), "fortunes-%d.jsonl.zst", en, 4);
            List<Document> poems = new ArrayList<>();
            i = 0;
            for (Document doc : read(corpora.resolve("jsonl/chinese_poetry.jsonl"))) {
                if (i++ % 100 == 0) poems.add(scored(doc));
            }
            write(d.resolve("zh"), "poetry-%d.jsonl.gz", poems, 3);
            write(d.resolve("zh"), "manpages-%d.jsonl.gz", chunked(head(corpora.resolve("jsonl/manpages_zh.jsonl"), 150)), 1);
            write(d.resolve("code"), "perl-pod-%d.jsonl", chunked(head(corpora.resolve("jsonl/perl_pod.jsonl"), 25)), 1);
            Files.writeString(d.resolve(".complete"), VERSION);
        }
        dir = d;
        return dir;
    }

    /** Every document of the shards under {@code sub} (e.g. {@code zh}), in shard order. */
    public static List<Document> docs(String sub) throws Exception {
        List<Document> out = new ArrayList<>();
        List<Path> files;
        try (var s = Files.list(dir().resolve(sub))) {
            files = s.sorted().toList();
        }
        for (Path f : files) out.addAll(read(f));
        return out;
    }

    private static List<Document> head(Path file, int n) throws IOException {
        List<Document> all = read(file);
        List<Document> out = new ArrayList<>();
        for (Document d : all.subList(0, Math.min(n, all.size()))) out.add(d);
        return out;
    }

    private static List<Document> chunked(List<Document> docs) {
        List<Document> out = new ArrayList<>();
        ChunkSplitter chunk = new ChunkSplitter("chunk", 4000);
        for (Document d : docs) {
            chunk.process(d, new Emitter() {
                @Override
                public void emit(Document doc) { out.add(scored(doc)); }

                @Override
                public void reject(Document doc, String rule) { }
            });
        }
        return out;
    }

    private static Document scored(Document d) {
        String t = d.text();
        int letters = 0, upper = 0, wordy = 0, nonSpace = 0;
        for (int k = 0; k < t.length(); ) {
            int c = t.codePointAt(k);
            k += Character.charCount(c);
            if (Character.isWhitespace(c)) continue;
            nonSpace++;
            if (Character.isLetter(c)) {
                wordy++;
                if (Character.isUpperCase(c) || Character.isLowerCase(c)) {
                    letters++;
                    if (Character.isUpperCase(c)) upper++;
                }
            }
        }
        d.scores().put("caps_ratio", letters == 0 ? 0.0 : (double) upper / letters);
        d.scores().put("quality", nonSpace == 0 ? 0.0 : (double) wordy / nonSpace);
        return d;
    }

    static List<Document> read(Path file) throws IOException {
        List<Document> out = new ArrayList<>();
        try (ShardReader r = new ShardReader(file, ShardReader.DEFAULT_MAX_RECORD_BYTES, b -> { })) {
            for (Document d; (d = r.next()) != null; ) out.add(d);
        }
        return out;
    }

    private static void write(Path dir, String pattern, List<Document> docs, int shards) throws IOException {
        Files.createDirectories(dir);
        int per = (docs.size() + shards - 1) / shards;
        for (int s = 0; s < shards; s++) {
            try (ShardWriter w = new ShardWriter(dir.resolve(String.format(pattern, s)), -1)) {
                for (Document d : docs.subList(Math.min(docs.size(), s * per), Math.min(docs.size(), (s + 1) * per))) w.write(d);
                w.commit();
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
