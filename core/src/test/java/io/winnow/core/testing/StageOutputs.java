package io.winnow.core.testing;

import io.winnow.core.shard.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test helpers over a stage output directory (shared with the end-to-end tests through core's test-jar). */
public final class StageOutputs {
    private StageOutputs() {}

    /** A shard's text, decompressed. */
    public static String read(Path shard) throws IOException {
        try (InputStream in = Compression.of(shard).decode(Files.newInputStream(shard))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every shard under kept/, rejected/ and bad-records/ (subdirectories too) by relative path, decompressed. */
    public static Map<String, String> contents(Path stageDir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String sub : List.of("kept", "rejected", "bad-records")) {
            Path d = stageDir.resolve(sub);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.walk(d)) {
                for (Path p : s.filter(Files::isRegularFile).filter(f -> Compression.of(f) != null).sorted().toList()) {
                    m.put(sub + "/" + d.relativize(p), read(p));
                }
            }
        }
        return m;
    }

    /** Same files with the same content; on failure says which files differ and where, not the whole corpus. */
    public static void assertSame(Map<String, String> expected, Map<String, String> actual) {
        List<String> problems = new ArrayList<>();
        for (String k : expected.keySet()) if (!actual.containsKey(k)) problems.add("missing " + k);
        for (String k : actual.keySet()) if (!expected.containsKey(k)) problems.add("unexpected " + k);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String b = actual.get(e.getKey());
            if (b == null || e.getValue().equals(b)) continue;
            List<String> la = e.getValue().lines().toList();
            List<String> lb = b.lines().toList();
            int i = 0;
            while (i < Math.min(la.size(), lb.size()) && la.get(i).equals(lb.get(i))) i++;
            problems.add(e.getKey() + ": " + la.size() + " vs " + lb.size() + " lines, first difference at line " + (i + 1)
                    + (i < lb.size() ? ": " + lb.get(i).substring(0, Math.min(200, lb.get(i).length())) : ""));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " differences:\n"
                    + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
        }
    }
}
