package io.winnow.ingest.url;

import io.winnow.core.config.ConfigException;
import io.winnow.ingest.IngestSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The URL block lists of a run, loaded once:
 * <ul>
 *   <li>UT1-layout directories ({@code DIR/CATEGORY/domains}, {@code DIR/CATEGORY/urls}; one entry
 *       a line, {@code #} comments), and extra domain/URL files (category {@code custom});</li>
 *   <li>datatrove's word rules: a URL is cut into words at every non-alphanumeric character; a
 *       banned word among them, or {@code soft_word_threshold} soft-banned words, blocks it; and a
 *       banned subword blocks it when it occurs anywhere in the URL squashed to its letters and
 *       digits. List entries are squashed and lower-cased the same way.</li>
 * </ul>
 */
public final class UrlLists {
    /** domain → category (first category listing it, in sorted order). */
    final Map<String, String> domains = new HashMap<>();
    /** scheme-less URL prefix (host/path) → category. */
    final Map<String, String> urls = new HashMap<>();
    final Set<String> bannedWords = new HashSet<>();
    final Set<String> softWords = new HashSet<>();
    final AhoCorasick subwords;
    final int softThreshold;
    private final boolean hasSubwords;

    public UrlLists(IngestSettings.Url cfg) {
        try {
            if (cfg.blocklistDir != null) loadUt1(Path.of(cfg.blocklistDir), cfg.categories);
            for (String f : cfg.domainFiles) for (String d : lines(Path.of(f))) domains.putIfAbsent(domainKey(d), "custom");
            for (String f : cfg.urlFiles) for (String u : lines(Path.of(f))) urls.putIfAbsent(urlKey(u), "custom");
            if (cfg.bannedWordsFile != null) for (String w : lines(Path.of(cfg.bannedWordsFile))) addSquashed(bannedWords, w);
            if (cfg.softBannedWordsFile != null) for (String w : lines(Path.of(cfg.softBannedWordsFile))) addSquashed(softWords, w);
            List<String> subs = new ArrayList<>();
            if (cfg.bannedSubwordsFile != null) for (String w : lines(Path.of(cfg.bannedSubwordsFile))) {
                String s = squash(w);
                if (!s.isEmpty()) subs.add(s);
            }
            subwords = new AhoCorasick(subs);
            hasSubwords = !subs.isEmpty();
        } catch (IOException e) {
            throw new ConfigException("url settings", "url", "cannot read a list: " + e.getMessage());
        }
        softThreshold = cfg.softWordThreshold;
    }

    public boolean isEmpty() {
        return domains.isEmpty() && urls.isEmpty() && bannedWords.isEmpty() && softWords.isEmpty() && !hasSubwords;
    }

    private void loadUt1(Path dir, List<String> categories) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + " is not a directory");
        List<Path> cats = new ArrayList<>();
        if (categories.isEmpty()) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isDirectory).sorted().forEach(cats::add);
            }
        } else {
            for (String c : categories) {
                Path p = dir.resolve(c);
                if (!Files.isDirectory(p)) throw new IOException("category '" + c + "' not found in " + dir);
                cats.add(p);
            }
        }
        for (Path c : cats) {
            String name = c.getFileName().toString();
            Path d = c.resolve("domains");
            if (Files.exists(d)) for (String x : lines(d)) domains.putIfAbsent(domainKey(x), name);
            Path u = c.resolve("urls");
            if (Files.exists(u)) for (String x : lines(u)) urls.putIfAbsent(urlKey(x), name);
        }
    }

    private static List<String> lines(Path p) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            String s = l.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            out.add(s);
        }
        return out;
    }

    static String domainKey(String d) {
        String s = d.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("www.")) s = s.substring(4);
        if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        return s;
    }

    /** A URL without its scheme and {@code www.}, lower-cased host: how UT1 lists write them. */
    static String urlKey(String u) {
        String s = u.strip();
        int i = s.indexOf("://");
        if (i >= 0) s = s.substring(i + 3);
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        String rest = slash < 0 ? "" : s.substring(slash);
        host = domainKey(host);
        if (rest.equals("/")) rest = "";
        return host + rest;
    }

    private static void addSquashed(Set<String> set, String w) {
        String s = squash(w);
        if (!s.isEmpty()) set.add(s);
    }

    /** Letters and digits only, lower case: how datatrove normalizes list entries and the URL for subwords. */
    static String squash(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) sb.append(c);
            else if (c >= 'A' && c <= 'Z') sb.append((char) (c + 32));
        }
        return sb.toString();
    }
}
