package io.winnow.dedup;

import io.winnow.core.config.Config;
import io.winnow.core.doc.Document;
import io.winnow.core.doc.DocumentJson;
import io.winnow.core.exec.RunOptions;
import io.winnow.core.progress.Progress;
import io.winnow.core.shard.Compression;
import io.winnow.core.shard.ShardWriter;
import io.winnow.core.stage.Stage;
import io.winnow.core.testing.StageOutputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Synthetic documents with controlled overlap (made-up words, so every 5-gram is distinctive) and stage helpers. */
public final class TestDocs {
    private TestDocs() {}

    /** {@code n} made-up words from a seeded generator: "lorvi", "tesko", ... */
    public static List<String> words(long seed, int n) {
        String[] syll = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "xi", "ze", "pa", "qu", "so", "be", "di", "fu", "go"};
        SplittableRandom r = new SplittableRandom(seed);
        List<String> w = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = 2 + r.nextInt(2);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < k; j++) sb.append(syll[r.nextInt(syll.length)]);
            w.add(sb.toString());
        }
        return w;
    }

    public static String text(List<String> words) {
        return String.join(" ", words) + ".";
    }

    /** The words with every {@code every}-th word replaced by a new one. */
    public static List<String> edit(List<String> words, int every, long seed) {
        List<String> w = new ArrayList<>(words);
        List<String> fresh = words(seed, w.size() / every + 1);
        for (int i = every / 2, k = 0; i < w.size(); i += every) w.set(i, fresh.get(k++) + "x");
        return w;
    }

    public static void shard(Path file, List<Document> docs) throws Exception {
        Files.createDirectories(file.getParent());
        try (ShardWriter w = new ShardWriter(file, -1)) {
            for (Document d : docs) w.write(d);
            w.commit();
        }
    }

    public static RunOptions options(int workers) {
        return new RunOptions(workers, 42, Compression.ZSTD, -1, 64 << 20, 1 << 20, false, false, Progress.Mode.OFF);
    }

    public static Stage stage(String yaml) throws Exception {
        Path c = Files.createTempFile("dedup", ".yaml");
        Files.writeString(c, yaml);
        try {
            return new DedupStage().bind(Config.load(c));
        } finally {
            Files.delete(c);
        }
    }

    public static List<Document> docs(Path stageOut, String sub) throws Exception {
        List<Document> out = new ArrayList<>();
        for (Map.Entry<String, String> e : StageOutputs.contents(stageOut).entrySet()) {
            if (!e.getKey().startsWith(sub)) continue;
            for (String l : e.getValue().lines().toList()) out.add(DocumentJson.parse(l));
        }
        return out;
    }

    public static List<String> ids(List<Document> docs) {
        List<String> ids = new ArrayList<>();
        for (Document d : docs) ids.add(d.id());
        ids.sort(null);
        return ids;
    }
}
