package io.winnow.ingest.content;

import io.winnow.core.doc.Document;
import io.winnow.core.step.Emitter;
import io.winnow.core.step.Step;
import io.winnow.ingest.IngestSettings;
import io.winnow.ingest.Transient;
import io.winnow.ingest.extract.ExtractStep;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes navigation that markup does not name, by repetition: a short block (menu entry, link
 * row, copyright line, cookie notice) found on at least {@code repeat_share} of a host's pages,
 * and on at least {@code repeat_min_pages} of them, is page furniture. The first
 * {@code site_window} pages of each host are held back until the host has been seen that often,
 * so even its first page is cleaned; after that pages pass straight through. Memory is bounded:
 * at most {@link #MAX_HELD} pages are held in all and {@link #MAX_HOSTS} hosts are tracked
 * (least recently seen dropped first). Output order depends only on input order.
 */
public final class SiteBoilerplateStep implements Step {
    static final int MAX_HELD = 256;
    static final int MAX_HOSTS = 4096;
    static final int MAX_BLOCK_CHARS = 200;

    private final String name;
    private final IngestSettings.Content cfg;
    private final Map<String, Host> hosts = new LinkedHashMap<>(16, 0.75f, true);
    private final ArrayDeque<Held> held = new ArrayDeque<>();

    private record Held(Document doc, List<Block> blocks, Host host) {}

    private static final class Host {
        final String key;
        int pages;
        final Map<Long, Integer> blockPages = new HashMap<>();
        int waiting;
        boolean warm;

        Host(String key) {
            this.key = key;
        }
    }

    public SiteBoilerplateStep(String name, IngestSettings.Content cfg) {
        this.name = name;
        this.cfg = cfg;
    }

    @Override
    public String name() { return name; }

    @Override
    public void process(Document doc, Emitter out) {
        List<Block> blocks = Transient.take(doc, ExtractStep.BLOCKS);
        if (blocks == null) {
            out.emit(doc);
            return;
        }
        Host h = host(doc);
        h.pages++;
        Set<Long> seen = new HashSet<>();
        for (Block b : blocks) {
            if (eligible(b) && seen.add(key(b.text()))) h.blockPages.merge(key(b.text()), 1, Integer::sum);
        }
        if (h.warm) {
            finish(doc, blocks, h, out);
            return;
        }
        held.add(new Held(doc, blocks, h));
        h.waiting++;
        if (h.pages >= cfg.siteWindow) {
            h.warm = true;
            release(h, out);
        }
        while (held.size() > MAX_HELD) {
            Host oldest = held.peekFirst().host();
            oldest.warm = true;
            release(oldest, out);
        }
    }

    private Host host(Document doc) {
        String key = hostOf(doc.url());
        if (key == null) key = "source:" + doc.source();
        Host h = hosts.get(key);
        if (h == null) {
            h = new Host(key);
            hosts.put(key, h);
            if (hosts.size() > MAX_HOSTS) {
                Iterator<Host> it = hosts.values().iterator();
                while (hosts.size() > MAX_HOSTS && it.hasNext()) {
                    Host old = it.next();
                    if (old.waiting == 0) it.remove();
                }
            }
        }
        return h;
    }

    static String hostOf(String url) {
        if (url == null) return null;
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Emits the held pages of {@code h}, in the order they came. */
    private void release(Host h, Emitter out) {
        List<Held> mine = new ArrayList<>();
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held x = it.next();
            if (x.host() == h) {
                mine.add(x);
                it.remove();
            }
        }
        h.waiting = 0;
        for (Held x : mine) finish(x.doc(), x.blocks(), h, out);
    }

    private void finish(Document doc, List<Block> blocks, Host h, Emitter out) {
        int need = Math.max(cfg.repeatMinPages, (int) Math.ceil(cfg.repeatShare * h.pages));
        List<Block> kept = new ArrayList<>(blocks.size());
        int dropped = 0;
        for (Block b : blocks) {
            if (eligible(b) && h.blockPages.getOrDefault(key(b.text()), 0) >= need) {
                dropped++;
            } else {
                kept.add(b);
            }
        }
        if (dropped > 0) {
            doc.text(HtmlContent.join(kept));
            doc.metadata().put("site_boilerplate_blocks", dropped);
        }
        int chars = 0;
        for (Block b : kept) chars += b.chars();
        if (chars < Math.max(1, cfg.minChars)) {
            Transient.clear(doc);
            doc.text("");
            out.reject(doc, "no_text");
            return;
        }
        out.emit(doc);
    }

    /**
     * Blocks that can be furniture: short paragraphs and list items, and link rows of any kind.
     * Headings, table rows and code are content even when they recur ("Note", a table header).
     */
    static boolean eligible(Block b) {
        if (b.chars() > MAX_BLOCK_CHARS || b.kind() == Block.Kind.PRE) return false;
        if (b.linkDensity() >= 0.5) return true;
        return b.kind() == Block.Kind.PARAGRAPH || b.kind() == Block.Kind.LIST_ITEM;
    }

    /** 64-bit FNV-1a of the text with whitespace dropped and digits folded ("Page 3 of 10" = "Page 4 of 10"). */
    static long key(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) continue;
            if (c >= '0' && c <= '9') c = '#';
            h ^= c;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public void finish(Emitter out) {
        while (!held.isEmpty()) release(held.peekFirst().host(), out);
    }
}
