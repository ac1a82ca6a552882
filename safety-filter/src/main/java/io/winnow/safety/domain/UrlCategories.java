package io.winnow.safety.domain;

import io.winnow.core.util.StringHash;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * URL categories from block lists in the UT1 layout (Université Toulouse Capitole's blacklists, as
 * used by squidGuard, datatrove's URL filter and RedPajama's {@code rps_doc_ut1_blacklist}):
 * <pre>
 * ROOT/adult/domains       one domain per line: matches the host and every subdomain
 * ROOT/adult/urls          one "host/path" per line: matches URLs under that path
 * ROOT/gambling/domains
 * ...
 * </pre>
 * Lines may start with {@code #} (comments); a {@code domains.gz} or {@code urls.gz} is read as
 * well. Entries are kept as 64-bit hashes with a bit per category, so the five million domains of the
 * full UT1 set fit in about 150 MB.
 */
public final class UrlCategories {
    /** Largest number of categories one instance holds (one bit each). */
    public static final int MAX_CATEGORIES = 64;

    private final List<String> categories = new ArrayList<>();
    private final Long2LongOpenHashMap domains = new Long2LongOpenHashMap();
    private final Long2LongOpenHashMap urls = new Long2LongOpenHashMap();

    private UrlCategories() {}

    /** Category directories under {@code root}: those holding a {@code domains} or {@code urls} list. */
    public static List<String> available(Path root) {
        if (!Files.isDirectory(root)) throw new UncheckedIOException(new NoSuchFileException(root.toString(), null, "not a UT1 list directory"));
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory)
                    .filter(d -> Stream.of("domains", "urls", "domains.gz", "urls.gz").anyMatch(f -> Files.isRegularFile(d.resolve(f))))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the named categories (or every category when {@code wanted} is null) from each root. */
    public static UrlCategories load(List<Path> roots, Set<String> wanted) {
        UrlCategories c = new UrlCategories();
        for (Path root : roots) {
            for (String cat : available(root)) {
                if (wanted != null && !wanted.contains(cat)) continue;
                int bit = c.categories.indexOf(cat);
                if (bit < 0) {
                    if (c.categories.size() == MAX_CATEGORIES) throw new IllegalArgumentException("more than " + MAX_CATEGORIES + " URL categories");
                    c.categories.add(cat);
                    bit = c.categories.size() - 1;
                }
                Path dir = root.resolve(cat);
                c.read(dir, "domains", c.domains, 1L << bit);
                c.read(dir, "urls", c.urls, 1L << bit);
            }
        }
        return c;
    }

    private void read(Path dir, String name, Long2LongOpenHashMap into, long bit) {
        Path plain = dir.resolve(name);
        Path gz = dir.resolve(name + ".gz");
        Path f = Files.isRegularFile(plain) ? plain : Files.isRegularFile(gz) ? gz : null;
        if (f == null) return;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE);
        try (InputStream raw = Files.newInputStream(f);
             InputStream in = f == gz ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16)) {
            String line;
            while ((line = r.readLine()) != null) {
                String e = normalizeEntry(line);
                if (e == null) continue;
                long h = StringHash.hash64(e);
                into.put(h, into.get(h) | bit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
    }

    static String normalizeEntry(String line) {
        String e = line.strip();
        if (e.isEmpty() || e.startsWith("#")) return null;
        e = e.toLowerCase(Locale.ROOT);
        int scheme = e.indexOf("://");
        if (scheme >= 0) e = e.substring(scheme + 3);
        if (e.startsWith("www.")) e = e.substring(4);
        while (e.endsWith("/") || e.endsWith(".")) e = e.substring(0, e.length() - 1);
        return e.isEmpty() ? null : e;
    }

    public List<String> categories() { return categories; }

    public int domainEntries() { return domains.size(); }

    public int urlEntries() { return urls.size(); }

    /** What matched a URL: category bits from domain entries and from URL entries. */
    public record Hit(long domainBits, long urlBits) {
        public boolean any() { return (domainBits | urlBits) != 0; }
    }

    /** Looks a URL up: its host and each parent domain, then host-suffix + path-prefix pairs. */
    public Hit lookup(String url) {
        UrlParts u = UrlParts.parse(url);
        String host = u.host();
        if (host.isEmpty()) return new Hit(0, 0);
        long dom = 0;
        long url0 = 0;
        List<String> suffixes = suffixes(host);
        for (String s : suffixes) dom |= domains.get(StringHash.hash64(s));
        if (!urls.isEmpty() && u.path().length() > 1) {
            String path = u.path();
            while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
            for (String s : suffixes) {
                for (int i = 1; i <= path.length(); i++) {
                    if (i == path.length() || path.charAt(i) == '/') url0 |= urls.get(StringHash.hash64(s + path.substring(0, i)));
                }
            }
        }
        return new Hit(dom, url0);
    }

    /** {@code a.b.example.com} → itself, {@code b.example.com}, {@code example.com}, {@code com}; IPs only whole. */
    public static List<String> suffixes(String host) {
        List<String> out = new ArrayList<>();
        String h = host.startsWith("www.") ? host.substring(4) : host;
        if (!h.equals(host)) out.add(host);
        if (h.indexOf(':') >= 0 || h.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')) {
            out.add(h);
            return out;
        }
        int i = 0;
        while (true) {
            out.add(h.substring(i));
            int dot = h.indexOf('.', i);
            if (dot < 0) return out;
            i = dot + 1;
        }
    }

    /** Category names of a bit set, in load order. */
    public List<String> names(long bits) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) if ((bits & (1L << i)) != 0) out.add(categories.get(i));
        return out;
    }

    /** The bits of the named categories (unknown names are ignored). */
    public long bits(java.util.Collection<String> names) {
        long b = 0;
        for (String n : names) {
            int i = categories.indexOf(n);
            if (i >= 0) b |= 1L << i;
        }
        return b;
    }
}
