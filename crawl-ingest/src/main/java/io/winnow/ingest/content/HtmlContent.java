package io.winnow.ingest.content;

import io.winnow.ingest.extract.Deadline;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Main-content extraction from HTML (jsoup DOM), language-independent: lengths are counted in
 * code points, never words, so Chinese and Japanese pages are measured like any other.
 *
 * <ol>
 *   <li>Drop what is never text (scripts, styles, forms controls) and what markup names as
 *       furniture ({@link Boilerplate}): navigation, banners, footers, sidebars, cookie notices,
 *       hidden elements.</li>
 *   <li>Find the main container: {@code <main>} or {@code role=main} when it holds most of the
 *       text, else the deepest element that holds most of the page's non-link text while its
 *       siblings hold no running prose.</li>
 *   <li>Cut the page into blocks (headings, paragraphs, list items, table rows with cells joined,
 *       {@code <pre>} with its whitespace) and drop short link-dense blocks inside the main
 *       container and everything outside it except the page heading and long prose.</li>
 * </ol>
 * Navigation that is not marked up is removed across pages by {@link SiteBoilerplateStep}.
 */
public final class HtmlContent {
    private HtmlContent() {}

    public enum Method { WINNOW, FULL }

    /** The page's title and its kept blocks in reading order. */
    public record Page(String title, List<Block> blocks) {
        public String text() {
            return join(blocks);
        }
    }

    /** Share of the page's non-link text the main container must hold. */
    static final double MAIN_SHARE = 0.75;
    /** A text run this long (code points) is running prose, not a label. */
    static final int PROSE_RUN = 40;
    /** Outside the main container only prose blocks at least this long survive. */
    static final int OUTSIDE_MIN_CHARS = 60;
    /** A non-list block with at most this many chars and this link density inside main is a link row. */
    static final int LINK_ROW_MAX_CHARS = 100;
    static final double LINK_ROW_DENSITY = 0.5;

    private static final Set<String> BLOCK_TAGS = Set.of("address", "article", "aside", "blockquote", "body", "caption",
            "center", "dd", "details", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
            "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav",
            "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "listing", "xmp",
            "plaintext", "noframes", "frameset", "option", "optgroup");
    private static final Set<String> GROUP_TAGS = Set.of("ul", "ol", "dl", "table", "menu", "dir");

    public static Page extract(String html, String baseUri, Method method, Deadline deadline) {
        Document doc = Jsoup.parse(html, baseUri == null ? "" : baseUri);
        deadline.check();
        String title = doc.title().strip();
        Element body = doc.body();
        if (body == null) return new Page(title, List.of());
        removeJunk(body, method == Method.WINNOW, deadline);
        if (method == Method.FULL) {
            return new Page(title, linearize(body, null, deadline));
        }
        Map<Element, long[]> counts = textCounts(body, deadline);
        Element main = mainContainer(body, counts);
        List<Block> blocks = linearize(body, main, deadline);
        Map<Integer, Integer> rowsPerTable = new java.util.HashMap<>();
        for (Block b : blocks) {
            if (b.kind() == Block.Kind.TABLE_ROW && b.group() != 0) rowsPerTable.merge(b.group(), 1, Integer::sum);
        }
        List<Block> kept = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            boolean dataRow = b.kind() == Block.Kind.TABLE_ROW && rowsPerTable.getOrDefault(b.group(), 0) >= DATA_TABLE_ROWS;
            if (keep(b, dataRow)) kept.add(b);
        }
        return new Page(title, kept);
    }

    /** A table with at least this many rows holds data (link rows included), not a navigation bar. */
    static final int DATA_TABLE_ROWS = 3;

    static boolean keep(Block b, boolean dataRow) {
        if (b.chars() == 0) return false;
        double ld = b.linkDensity();
        if (b.inMain()) {
            switch (b.kind()) {
                case LIST_ITEM, PRE, HEADING -> {
                    return true;
                }
                default -> {
                    // A short run of links that is not a sentence: "Prev | Up | Next", "Edit this page".
                    boolean linkRow = ld >= LINK_ROW_DENSITY && b.chars() <= LINK_ROW_MAX_CHARS && !endsSentence(b.text());
                    return dataRow || !linkRow;
                }
            }
        }
        if (b.kind() == Block.Kind.HEADING) return b.level() == 1 && ld < 0.5;
        return (b.kind() == Block.Kind.PARAGRAPH || b.kind() == Block.Kind.PRE) && ld < 0.3 && b.chars() >= OUTSIDE_MIN_CHARS;
    }

    /** Ends with sentence-final punctuation in any script (. ! ? 。 ！ ？ ： and closing quotes after them). */
    static boolean endsSentence(String text) {
        int i = text.length() - 1;
        while (i >= 0 && "\"'”’」』)）]".indexOf(text.charAt(i)) >= 0) i--;
        if (i < 0) return false;
        return ".!?。！？:：;；…".indexOf(text.charAt(i)) >= 0;
    }

    /** Removes junk elements, hidden ones and (for main-content extraction) marked-up furniture. */
    private static void removeJunk(Element body, boolean furniture, Deadline deadline) {
        List<Element> drop = new ArrayList<>();
        List<Element> candidates = new ArrayList<>();
        int n = 0;
        for (Element e : body.getAllElements()) {
            if ((++n & 255) == 0) deadline.check();
            if (e == body) continue;
            if (Boilerplate.JUNK_TAGS.contains(e.normalName()) || Boilerplate.isHidden(e)) {
                drop.add(e);
            } else if (furniture && Boilerplate.isBoilerplate(e) && !insidePre(e)) {
                candidates.add(e);
            }
        }
        for (Element e : drop) {
            if (e.parent() != null) e.remove();
        }
        if (candidates.isEmpty()) return;
        // Safety valve: a "furniture" name on the wrapper of most of the page is a misnomer.
        Map<Element, long[]> chars = textCounts(body, deadline, true);
        long bodyText = chars.getOrDefault(body, new long[1])[0];
        for (Element e : candidates) {
            long[] c = chars.get(e);
            if (bodyText < 2000 || c == null || c[0] < bodyText / 2) {
                if (e.parent() != null) e.remove();
            }
        }
    }

    private static boolean insidePre(Element e) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            String t = p.normalName();
            if (t.equals("pre") || t.equals("code")) return true;
        }
        return false;
    }

    static Map<Element, long[]> textCounts(Element body, Deadline deadline) {
        return textCounts(body, deadline, false);
    }

    /**
     * Per element: [non-link chars, chars in prose runs (text nodes of at least PROSE_RUN chars)],
     * summed bottom-up in one walk (each element adds its totals to its parent when it closes).
     */
    static Map<Element, long[]> textCounts(Element body, Deadline deadline, boolean withLinks) {
        Map<Element, long[]> counts = new IdentityHashMap<>();
        java.util.ArrayDeque<long[]> stack = new java.util.ArrayDeque<>();
        int[] linkDepth = {0};
        int[] visited = {0};
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if ((++visited[0] & 1023) == 0) deadline.check();
                if (node instanceof Element e) {
                    if (e.normalName().equals("a") && e.hasAttr("href")) linkDepth[0]++;
                    long[] v = new long[2];
                    counts.put(e, v);
                    stack.push(v);
                } else if (node instanceof TextNode t && (withLinks || linkDepth[0] == 0) && !stack.isEmpty()) {
                    int c = nonSpace(t.getWholeText());
                    long[] v = stack.peek();
                    v[0] += c;
                    if (c >= PROSE_RUN) v[1] += c;
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (!(node instanceof Element e)) return;
                if (e.normalName().equals("a") && e.hasAttr("href")) linkDepth[0]--;
                long[] v = stack.pop();
                long[] parent = stack.peek();
                if (parent != null) {
                    parent[0] += v[0];
                    parent[1] += v[1];
                }
            }
        }, body);
        return counts;
    }

    /** The main-content container (see the class comment); the body when nothing narrower qualifies. */
    static Element mainContainer(Element body, Map<Element, long[]> counts) {
        long total = get(counts, body, 0);
        if (total == 0) return body;
        for (Element e : body.select("main, [role=main]")) {
            if (get(counts, e, 0) >= total / 2) return e;
        }
        Element cur = body;
        while (true) {
            long curText = get(counts, cur, 0);
            long curProse = get(counts, cur, 1);
            Element next = null;
            for (Element c : cur.children()) {
                if (get(counts, c, 0) >= MAIN_SHARE * curText) {
                    next = c;
                    break;
                }
            }
            if (next == null) return cur;
            long proseOutside = curProse - get(counts, next, 1);
            if (proseOutside > 0.05 * curProse + PROSE_RUN) return cur;
            cur = next;
        }
    }

    private static long get(Map<Element, long[]> counts, Element e, int i) {
        long[] v = counts.get(e);
        return v == null ? 0 : v[i];
    }

    /** Cuts the subtree into blocks in reading order; {@code main} marks the main container (null: all is main). */
    static List<Block> linearize(Element body, Element main, Deadline deadline) {
        Linearizer lin = new Linearizer(main, deadline);
        NodeTraversor.traverse(lin, body);
        lin.flush();
        return lin.blocks;
    }

    /** Joins blocks: one newline inside a list or table, a blank line elsewhere. */
    public static String join(List<Block> blocks) {
        StringBuilder sb = new StringBuilder();
        Block prev = null;
        for (Block b : blocks) {
            if (prev != null) {
                sb.append(prev.group() != 0 && prev.group() == b.group() ? "\n" : "\n\n");
            }
            sb.append(b.text());
            prev = b;
        }
        return sb.toString();
    }

    /** Code points that are not whitespace (ASCII fast path; a surrogate pair counts once). */
    static int nonSpace(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c > ' ' && c != 0x7f) n++;
            } else if (Character.isHighSurrogate(c)) {
                n++;
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            } else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                n++;
            }
        }
        return n;
    }

    private static final class Linearizer implements NodeVisitor {
        final List<Block> blocks = new ArrayList<>();
        private final Element main;
        private final Deadline deadline;
        private final StringBuilder cur = new StringBuilder();
        private int curLinkChars;
        private int linkDepth;
        private int preDepth;
        private int mainDepth;
        private int listDepth;
        private int rowDepth;
        private int headingLevel;
        private final List<Integer> groups = new ArrayList<>();
        private int nextGroup = 1;
        private boolean cellOpen;
        private int visited;

        Linearizer(Element main, Deadline deadline) {
            this.main = main;
            this.deadline = deadline;
            if (main == null) mainDepth = 1;
        }

        @Override
        public void head(Node node, int depth) {
            if ((++visited & 1023) == 0) deadline.check();
            if (node instanceof TextNode t) {
                text(t.getWholeText());
                return;
            }
            if (!(node instanceof Element e)) return;
            String tag = e.normalName();
            if (e == main) mainDepth++;
            if (tag.equals("a") && e.hasAttr("href")) linkDepth++;
            if (tag.equals("br")) {
                if (cur.length() > 0) cur.append('\n');
                return;
            }
            if (tag.equals("td") || tag.equals("th")) {
                if (cellOpen && cur.length() > 0 && !endsWithSpace()) cur.append(" | ");
                else if (cur.length() > 0 && !endsWithSpace()) cur.append(' ');
                cellOpen = true;
                return;
            }
            if (tag.equals("img")) return;
            if (BLOCK_TAGS.contains(tag)) {
                flush();
                if (GROUP_TAGS.contains(tag)) groups.add(nextGroup++);
                if (tag.equals("li") || tag.equals("dt") || tag.equals("dd")) listDepth++;
                if (tag.equals("tr")) {
                    rowDepth++;
                    cellOpen = false;
                }
                if (tag.equals("pre") || tag.equals("listing") || tag.equals("xmp") || tag.equals("plaintext")) preDepth++;
                if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
                    headingLevel = tag.charAt(1) - '0';
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (!(node instanceof Element e)) return;
            String tag = e.normalName();
            if (tag.equals("a") && e.hasAttr("href")) linkDepth--;
            if (BLOCK_TAGS.contains(tag)) {
                flush();
                if (GROUP_TAGS.contains(tag) && !groups.isEmpty()) groups.remove(groups.size() - 1);
                if (tag.equals("li") || tag.equals("dt") || tag.equals("dd")) listDepth--;
                if (tag.equals("tr")) {
                    rowDepth--;
                    cellOpen = false;
                }
                if (tag.equals("pre") || tag.equals("listing") || tag.equals("xmp") || tag.equals("plaintext")) preDepth--;
                if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') headingLevel = 0;
            }
            if (e == main) mainDepth--;
        }

        private boolean endsWithSpace() {
            char c = cur.charAt(cur.length() - 1);
            return c == ' ' || c == '\n';
        }

        private void text(String s) {
            if (s.isEmpty()) return;
            if (preDepth > 0) {
                cur.append(s);
            } else {
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (Character.isWhitespace(c) || c == '\u00a0' || c == '\u200b') {
                        if (cur.length() > 0 && !endsWithSpace()) cur.append(' ');
                    } else {
                        cur.append(c);
                    }
                }
            }
            if (linkDepth > 0) curLinkChars += nonSpace(s);
        }

        void flush() {
            if (cur.length() == 0) {
                curLinkChars = 0;
                return;
            }
            String text;
            Block.Kind kind;
            if (preDepth > 0) {
                text = stripBlankLines(cur.toString());
                kind = Block.Kind.PRE;
            } else {
                text = collapseLines(cur.toString());
                kind = headingLevel > 0 ? Block.Kind.HEADING
                        : rowDepth > 0 ? Block.Kind.TABLE_ROW
                        : listDepth > 0 ? Block.Kind.LIST_ITEM
                        : Block.Kind.PARAGRAPH;
            }
            cur.setLength(0);
            int chars = nonSpace(text);
            int links = Math.min(curLinkChars, chars);
            curLinkChars = 0;
            if (chars == 0) return;
            int group = kind == Block.Kind.HEADING || kind == Block.Kind.PRE || groups.isEmpty() ? 0 : groups.get(groups.size() - 1);
            blocks.add(new Block(text, kind, chars, links, mainDepth > 0, group, kind == Block.Kind.HEADING ? headingLevel : 0));
        }

        private static String stripBlankLines(String s) {
            String[] lines = s.split("\n", -1);
            int a = 0;
            int b = lines.length;
            while (a < b && lines[a].isBlank()) a++;
            while (b > a && lines[b - 1].isBlank()) b--;
            StringBuilder sb = new StringBuilder();
            for (int i = a; i < b; i++) {
                if (i > a) sb.append('\n');
                sb.append(lines[i].stripTrailing());
            }
            return sb.toString();
        }

        private static String collapseLines(String s) {
            StringBuilder sb = new StringBuilder();
            for (String line : s.split("\n")) {
                String l = line.strip();
                if (l.isEmpty()) continue;
                if (sb.length() > 0) sb.append('\n');
                sb.append(l);
            }
            return sb.toString();
        }
    }
}
