package io.winnow.ingest.url;

import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.ingest.IngestMetadata;
import io.winnow.ingest.Transient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Normalizes each document's URL (the raw one kept in {@code metadata.url_raw} when it changes)
 * and checks it against the {@link UrlLists}. Rules, first match wins: {@code domain:CATEGORY}
 * (the host or a parent domain is listed), {@code url:CATEGORY} (a listed URL is a prefix of it,
 * at a path boundary), {@code banned_word}, {@code soft_banned_words}, {@code banned_subword}.
 * With {@code action: drop} the document is rejected with that rule before any extraction work;
 * with {@code tag} it goes on with the rules in {@code metadata.url_flags}.
 */
public final class UrlFilterStep implements Step {
    private final String name;
    private final UrlLists lists;
    private final boolean normalize;
    private final boolean drop;

    public UrlFilterStep(String name, UrlLists lists, boolean normalize, boolean drop) {
        this.name = name;
        this.lists = lists;
        this.normalize = normalize;
        this.drop = drop;
    }

    @Override
    public String name() { return name; }

    @Override
    public void process(Document doc, Emitter out) {
        String raw = doc.url();
        if (raw == null) {
            out.emit(doc);
            return;
        }
        String url = raw;
        if (normalize) {
            String n = UrlNormalizer.normalize(raw);
            if (n != null) {
                url = n;
                if (!n.equals(raw)) {
                    doc.metadata().put(IngestMetadata.URL_RAW, raw);
                    doc.url(n);
                }
            }
        }
        List<String> flags = lists.isEmpty() ? List.of() : check(url);
        if (flags.isEmpty()) {
            out.emit(doc);
        } else if (drop) {
            Transient.clear(doc);
            out.reject(doc, flags.get(0));
        } else {
            doc.metadata().put(IngestMetadata.URL_FLAGS, flags);
            out.emit(doc);
        }
    }

    /** Every rule the URL breaks, in rule order. */
    List<String> check(String url) {
        List<String> flags = new ArrayList<>();
        String host = UrlNormalizer.host(url);
        if (host != null) {
            String h = UrlLists.domainKey(host);
            for (String d = h; d != null; d = parent(d)) {
                String cat = lists.domains.get(d);
                if (cat != null) {
                    flags.add("domain:" + cat);
                    break;
                }
            }
        }
        if (!lists.urls.isEmpty()) {
            String key = UrlLists.urlKey(url);
            String keyLower = key.toLowerCase(Locale.ROOT);
            for (String prefix = keyLower; prefix != null; prefix = shorter(prefix)) {
                String cat = lists.urls.get(prefix);
                if (cat == null && prefix.equals(keyLower)) cat = lists.urls.get(key);
                if (cat != null) {
                    flags.add("url:" + cat);
                    break;
                }
            }
        }
        Set<String> words = new HashSet<>();
        for (String w : url.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) if (!w.isEmpty()) words.add(w);
        for (String w : words) {
            if (lists.bannedWords.contains(w)) {
                flags.add("banned_word");
                break;
            }
        }
        int soft = 0;
        for (String w : words) if (lists.softWords.contains(w)) soft++;
        if (soft >= lists.softThreshold && soft > 0) flags.add("soft_banned_words");
        if (lists.subwords.matches(UrlLists.squash(url))) flags.add("banned_subword");
        return flags;
    }

    private static String parent(String domain) {
        int dot = domain.indexOf('.');
        if (dot < 0) return null;
        String p = domain.substring(dot + 1);
        return p.indexOf('.') < 0 ? null : p; // stop before a bare TLD
    }

    /** The URL key cut at its last '/', '?' or '&amp;' (a path or query boundary); null past the host. */
    private static String shorter(String key) {
        int cut = Math.max(key.lastIndexOf('/'), Math.max(key.lastIndexOf('?'), key.lastIndexOf('&')));
        if (cut <= 0 || key.indexOf('/') < 0 || cut < key.indexOf('/')) return null;
        String s = key.substring(0, cut);
        return s.isEmpty() ? null : s;
    }
}
