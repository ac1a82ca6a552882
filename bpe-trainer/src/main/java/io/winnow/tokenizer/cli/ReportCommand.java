package io.winnow.tokenizer.cli;

import io.winnow.core.cli.WinnowVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winnow.core.util.AtomicFiles;
import io.winnow.tokenizer.encode.BpeEncoder;
import io.winnow.tokenizer.model.SentencePieceModel;
import io.winnow.tokenizer.report.CompressionReport;
import io.winnow.tokenizer.report.VocabComposition;
import io.winnow.tokenizer.train.InputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code winnow tokenizer report}: compression and vocabulary composition of one or more models. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = WinnowVersion.class,
        description = {"Compression and vocabulary composition of SentencePiece BPE models (ours or any .model).",
                "compression rate = tokens / Unicode characters (lower is better), per group and in total;",
                "also tokens per UTF-8 byte, bytes per token, byte-fallback and unknown tokens.",
                "Groups: the JSONL field --group_field (e.g. lang) if given, else each line's dominant script."})
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE.model", description = "repeatable") List<Path> models;
    @Option(names = "--input", required = true, paramLabel = "FILES", description = "text (one sentence per line) or JSONL; comma-separated, globs ok") List<String> input;
    @Option(names = "--text_field", defaultValue = "text", paramLabel = "NAME", description = "JSONL: the text field (default: ${DEFAULT-VALUE})") String textField;
    @Option(names = "--group_field", paramLabel = "NAME", description = "JSONL: group by this field (e.g. lang)") String groupField;
    @Option(names = "--max_lines", defaultValue = "0", paramLabel = "N", description = "stop after N lines per file (0 = all)") long maxLines;
    @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON") Path json;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        List<Path> files;
        try {
            files = InputFiles.expand(input);
        } catch (IOException e) {
            System.err.println("tokenizer report: " + e.getMessage());
            return TokenizerCommand.EXIT_USAGE;
        }
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode all = mapper.createArrayNode();
        for (Path m : models) {
            BpeEncoder enc;
            try {
                enc = new BpeEncoder(SentencePieceModel.read(m));
            } catch (IllegalArgumentException | IOException e) {
                System.err.println("tokenizer report: " + m + ": " + e.getMessage());
                return TokenizerCommand.EXIT_USAGE;
            }
            CompressionReport rep = new CompressionReport(enc);
            for (Path f : files) feed(rep, f, mapper);
            Map<String, Integer> comp = VocabComposition.of(enc.model());
            print(out, m, rep, comp);
            ObjectNode node = all.addObject();
            node.put("model", m.toString());
            node.put("vocab_size", enc.model().size());
            node.set("vocabulary", mapper.valueToTree(comp));
            node.set("total", totals(mapper, rep.total()));
            ObjectNode g = node.putObject("groups");
            rep.groups().forEach((k, v) -> g.set(k, totals(mapper, v)));
        }
        if (json != null) {
            ObjectNode root = mapper.createObjectNode();
            root.put("metric", "compression_rate = tokens / unicode characters (lower is better)");
            ArrayNode in = root.putArray("inputs");
            files.forEach(f -> in.add(f.toString()));
            root.set("models", all);
            AtomicFiles.write(json, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        }
        return 0;
    }

    private void feed(CompressionReport rep, Path f, ObjectMapper mapper) throws IOException {
        boolean jsonl = InputFiles.looksLikeJsonl(f);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(InputFiles.open(f), StandardCharsets.UTF_8), 1 << 20)) {
            long n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                if (maxLines > 0 && n >= maxLines) break;
                n++;
                if (!jsonl) {
                    byte[] b = line.getBytes(StandardCharsets.UTF_8);
                    rep.add(b, 0, b.length, null);
                    continue;
                }
                JsonNode doc;
                try {
                    doc = mapper.readTree(line);
                } catch (IOException e) {
                    continue;  // not JSON: not part of the report
                }
                if (doc == null || doc.get(textField) == null) continue;
                String group = groupField != null && doc.get(groupField) != null ? groupField + ":" + doc.get(groupField).asText() : null;
                for (String s : doc.get(textField).asText().split("\n")) {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    rep.add(b, 0, b.length, group);
                }
            }
        }
    }

    private static ObjectNode totals(ObjectMapper mapper, CompressionReport.Totals t) {
        ObjectNode n = mapper.createObjectNode();
        n.put("lines", t.lines);
        n.put("chars", t.chars);
        n.put("bytes", t.bytes);
        n.put("tokens", t.tokens);
        n.put("compression_rate", round(t.compressionRate()));
        n.put("tokens_per_byte", round(t.tokensPerByte()));
        n.put("bytes_per_token", round(t.bytesPerToken()));
        n.put("byte_fallback_tokens", t.byteFallbackTokens);
        n.put("unk_tokens", t.unkTokens);
        return n;
    }

    private static double round(double d) { return Math.round(d * 10000) / 10000.0; }

    private static void print(PrintStream out, Path model, CompressionReport rep, Map<String, Integer> comp) {
        out.printf("%s (%,d pieces)%n", model, comp.get("total"));
        out.printf("  %-22s %10s %14s %14s %12s %10s %10s %9s%n", "group", "lines", "chars", "tokens", "comp.rate", "tok/byte", "byte/tok", "fallback");
        List<Map.Entry<String, CompressionReport.Totals>> rows = new ArrayList<>(rep.groups().entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue().chars, a.getValue().chars));
        for (var e : rows) row(out, e.getKey(), e.getValue());
        row(out, "TOTAL", rep.total());
        out.println("  vocabulary: " + comp);
    }

    private static void row(PrintStream out, String name, CompressionReport.Totals t) {
        out.printf("  %-22s %,10d %,14d %,14d %12.4f %10.4f %10.3f %9d%n", name, t.lines, t.chars, t.tokens,
                t.compressionRate(), t.tokensPerByte(), t.bytesPerToken(), t.byteFallbackTokens);
    }
}
