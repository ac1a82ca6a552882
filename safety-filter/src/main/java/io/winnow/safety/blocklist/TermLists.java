package io.winnow.safety.blocklist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Keyword list files. A file holds one term per line (UTF-8; blank lines and lines starting with
 * {@code #} are skipped, {@code \#} starts a term with '#'). A list directory is laid out by
 * language and category:
 * <pre>
 * lists/
 *   en/porn.txt          hard terms of category "porn" for English documents
 *   en/porn.soft.txt     soft terms of the same category
 *   en/allow.txt         terms that are never blocked (and protect the blocked terms inside them)
 *   zh/gambling.soft.txt
 *   any/spam.txt         terms for documents of every language
 * </pre>
 */
public final class TermLists {
    /** Language directory whose lists apply to every document. */
    public static final String ANY = "any";

    public enum Kind { HARD, SOFT, ALLOW }

    /** One list file and what its terms mean. */
    public record Source(Path path, String lang, String category, Kind kind) {}

    private TermLists() {}

    /** Every list file of a directory laid out as above, sorted by path. */
    public static List<Source> scan(Path dir) {
        if (!Files.isDirectory(dir)) throw new UncheckedIOException(new NoSuchFileException(dir.toString(), null, "not a list directory"));
        List<Source> out = new ArrayList<>();
        try (Stream<Path> langs = Files.list(dir)) {
            for (Path langDir : langs.filter(Files::isDirectory).sorted().toList()) {
                String lang = normalizeLang(langDir.getFileName().toString());
                try (Stream<Path> files = Files.list(langDir)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        Source s = classify(f, lang);
                        if (s != null) out.add(s);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** What a file in a language directory holds, from its name; null for files that are not lists. */
    static Source classify(Path f, String lang) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".txt")) return null;
        String base = name.substring(0, name.length() - 4);
        if (base.equals("allow")) return new Source(f, lang, "allow", Kind.ALLOW);
        if (base.endsWith(".soft")) return new Source(f, lang, base.substring(0, base.length() - 5), Kind.SOFT);
        if (base.endsWith(".hard")) return new Source(f, lang, base.substring(0, base.length() - 5), Kind.HARD);
        return new Source(f, lang, base, Kind.HARD);
    }

    /** The terms of one file, in file order, as written (folding happens when the list is compiled). */
    public static List<String> read(Path file) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UncheckedIOException(new IOException(file + ": not UTF-8 text", e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<String> terms = new ArrayList<>();
        for (String line : text.split("\r?\n|\r")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            if (t.startsWith("\\#")) t = t.substring(1);
            terms.add(t);
        }
        return terms;
    }

    /** {@code zh-CN}, {@code zh_Hans} and {@code ZH} are all {@code zh}. */
    public static String normalizeLang(String lang) {
        if (lang == null) return null;
        String l = lang.strip().toLowerCase(Locale.ROOT);
        int cut = l.indexOf('-');
        int u = l.indexOf('_');
        if (u >= 0 && (cut < 0 || u < cut)) cut = u;
        return cut > 0 ? l.substring(0, cut) : l;
    }
}
