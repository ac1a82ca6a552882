package io.winnow.ingest.content;

import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * Markup that says "not the main text": navigation and page furniture named by tag, ARIA role,
 * or class/id. Class and id values are split into words ({@code docnav}, {@code nav-menu},
 * {@code navFooter} all contain {@code nav}) and matched against a short vocabulary of
 * structural words, so the rule is the same in every language.
 */
public final class Boilerplate {
    private Boilerplate() {}

    static final Set<String> JUNK_TAGS = Set.of("script", "style", "noscript", "template", "svg", "math", "object",
            "embed", "iframe", "canvas", "select", "textarea", "button", "input", "head", "link", "meta", "audio",
            "video", "map", "dialog");

    private static final Set<String> ROLES = Set.of("navigation", "banner", "contentinfo", "search", "complementary",
            "menu", "menubar", "toolbar", "dialog", "alertdialog", "tablist");

    /** Whole class/id words (or parts of them) that name page furniture. */
    private static final Set<String> WORDS = Set.of("nav", "navbar", "navigation", "menu", "menubar", "submenu",
            "breadcrumb", "breadcrumbs", "crumbs", "footer", "masthead", "topbar", "toolbar", "pagination", "pager",
            "skip", "skiplink", "cookie", "cookies", "consent", "gdpr", "share", "sharing", "social", "related",
            "banner", "advert", "advertisement", "ads", "sponsor", "sponsored", "promo", "newsletter", "subscribe",
            "signup", "login", "comment", "comments", "widget", "headerlink", "sphinxsidebar", "sphinxsidebarwrapper",
            "toc-backref", "relbar", "rellink", "backtotop", "totop", "searchbox", "langswitch", "switcher");

    /** Inline formatting: class names here style text ({@code span.comment} in code), they do not mark furniture. */
    private static final Set<String> INLINE = Set.of("span", "em", "strong", "b", "i", "u", "code", "tt", "kbd", "var",
            "samp", "sub", "sup", "small", "abbr", "cite", "q", "mark", "font", "s", "del", "ins", "dfn", "bdi", "bdo");

    /** True for an element whose whole subtree is navigation or page furniture. */
    public static boolean isBoilerplate(Element e) {
        String tag = e.normalName();
        if (INLINE.contains(tag) || tag.equals("a")) return false;
        if (tag.equals("nav") || tag.equals("aside")) return true;
        if ((tag.equals("header") || tag.equals("footer")) && !insideArticle(e)) return true;
        String role = e.attr("role").toLowerCase(Locale.ROOT).strip();
        if (!role.isEmpty() && ROLES.contains(role)) return true;
        return namedBoilerplate(e.attr("class"), true) || namedBoilerplate(e.attr("id"), false);
    }

    /** Hidden from readers: {@code hidden}, {@code aria-hidden}, inline {@code display:none}. */
    public static boolean isHidden(Element e) {
        if (e.hasAttr("hidden")) return true;
        if ("true".equalsIgnoreCase(e.attr("aria-hidden"))) return true;
        String style = e.attr("style");
        if (style.isEmpty()) return false;
        String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
        return s.contains("display:none") || s.contains("visibility:hidden");
    }

    private static boolean insideArticle(Element e) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            String t = p.normalName();
            if (t.equals("article") || t.equals("main")) return true;
            if ("main".equalsIgnoreCase(p.attr("role"))) return true;
        }
        return false;
    }

    /**
     * Class values are split into word parts; ids only match as a whole, because ids are often made
     * from heading text ({@code id="_sharing_and_archiving"} is a section, not a share button).
     */
    static boolean namedBoilerplate(String value, boolean parts) {
        if (value == null || value.isEmpty()) return false;
        for (String token : value.split("\\s+")) {
            if (token.isEmpty()) continue;
            String t = token.toLowerCase(Locale.ROOT);
            if (WORDS.contains(t)) return true;
            // "docnav", "navheader", "topnav": a token that starts or ends with nav.
            if (t.length() > 3 && (t.startsWith("nav") || t.endsWith("nav"))) return true;
            if (!parts) continue;
            for (String part : splitWords(token)) {
                if (WORDS.contains(part)) return true;
            }
        }
        return false;
    }

    /** {@code site-navFooter_2} → {@code site, nav, footer, 2}. */
    static java.util.List<String> splitWords(String token) {
        java.util.List<String> parts = new java.util.ArrayList<>(4);
        StringBuilder cur = new StringBuilder();
        char prev = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean sep = c == '-' || c == '_' || c == ':' || c == '.';
            boolean camel = Character.isUpperCase(c) && (Character.isLowerCase(prev) || Character.isDigit(prev));
            if ((sep || camel) && cur.length() > 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            }
            if (!sep) cur.append(Character.toLowerCase(c));
            prev = c;
        }
        if (cur.length() > 0) parts.add(cur.toString());
        return parts;
    }
}
