package io.winnow.safety.pii;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Public IPv4 and IPv6 addresses. Only addresses that can point at a person's machine are reported:
 * private, loopback, link-local, shared (CGNAT), documentation, benchmarking, multicast and
 * reserved ranges are not (as datatrove's PII formatter replaces only {@code is_global} addresses).
 * Version numbers look like addresses, so a dotted quad is not reported when it comes right after
 * a word such as "version", "kernel" or "section", or after "Product/" (user agents); when three
 * of its four numbers are single digits (5.0.2.9, 12.6.2.1, 4.3.3.75) or it starts with 1 (CVS
 * revisions such as 1.100.2.11), unless the text says it is an address ("IP", "server", "from",
 * "[8.8.8.8]"); or when it ends in .0 or .255 (a network or broadcast address, not a host). Five or more dotted numbers (OIDs, long versions) never match.
 */
public final class IpDetector implements Detector {
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern V4 = Pattern.compile(
            "(?<![\\w.])" + OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET + "(?![\\w]|\\.\\d)");
    private static final Pattern V6 = Pattern.compile(
            "(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\\d{1,3}(?:\\.\\d{1,3}){3})?(?![\\w:]|\\.\\w)");
    /** Words after which a dotted quad is a version, section or similar number. */
    private static final Set<String> NUMBER_CONTEXT = Set.of("v", "ver", "version", "versions", "release", "rel",
            "build", "kernel", "linux", "firmware", "fw", "patch", "update", "revision", "rev", "edition", "section",
            "sec", "chapter", "chap", "table", "figure", "fig", "rule", "step", "item", "paragraph", "para", "clause",
            "article", "art", "appendix", "no", "oid", "rfc", "iso", "java", "python", "perl", "gcc", "glibc", "rv");
    /** Words after which even a small dotted quad (8.8.8.8) is an address. */
    private static final Set<String> ADDRESS_CONTEXT = Set.of("ip", "ipv4", "address", "addr", "host", "server", "dns",
            "nameserver", "from", "client", "inet", "ping", "gateway", "resolver");
    /** The same in Chinese, matched at the end of the run of characters before the number. */
    private static final List<String> CJK_NUMBER_CONTEXT = List.of("版本", "版", "第", "章节", "条款");

    @Override
    public PiiKind kind() { return PiiKind.IP; }

    @Override
    public void find(String text, List<Span> out) {
        Candidates.scan(V4, text, Candidates.digitRuns(text, 4, 0), m -> {
            int[] o = parseV4(m.group());
            if (o == null || !isPublicV4(o) || o[3] == 0 || o[3] == 255 || versionLike(text, m.start(), m.end(), o)) return false;
            out.add(new Span(m.start(), m.end(), PiiKind.IP));
            return true;
        });
        Candidates.scan(V6, text, Candidates.hexColonRuns(text), m -> {
            int[] g = parseV6(m.group());
            if (g == null || !isPublicV6(g)) return false;
            out.add(new Span(m.start(), m.end(), PiiKind.IP));
            return true;
        });
        out.sort(java.util.Comparator.comparingInt(Span::start));
    }

    static int[] parseV4(String s) {
        String[] p = s.split("\\.");
        if (p.length != 4) return null;
        int[] o = new int[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3 || p[i].length() > 1 && p[i].charAt(0) == '0') return null;
            o[i] = Integer.parseInt(p[i]);
            if (o[i] > 255) return null;
        }
        return o;
    }

    /** Not in a special-purpose range (RFC 6890 and its updates) and not multicast. */
    static boolean isPublicV4(int[] o) {
        int a = o[0];
        int b = o[1];
        int c = o[2];
        if (a == 0 || a == 10 || a == 127 || a >= 224) return false;            // this network, private, loopback, multicast, reserved
        if (a == 100 && b >= 64 && b <= 127) return false;                     // shared address space (CGNAT)
        if (a == 169 && b == 254) return false;                                // link-local
        if (a == 172 && b >= 16 && b <= 31) return false;                      // private
        if (a == 192 && b == 168) return false;                                // private
        if (a == 192 && b == 0 && (c == 0 || c == 2)) return false;            // IETF protocol assignments, TEST-NET-1
        if (a == 198 && (b == 18 || b == 19)) return false;                    // benchmarking
        if (a == 198 && b == 51 && c == 100) return false;                     // TEST-NET-2
        return !(a == 203 && b == 0 && c == 113);                              // TEST-NET-3
    }

    /** A version, section or similar number rather than an address (see the class comment). */
    static boolean versionLike(String text, int start, int end, int[] o) {
        if (start >= 2 && text.charAt(start - 1) == '/' && Character.isLetterOrDigit(text.charAt(start - 2))) return true;
        String word = wordBefore(text, start);
        if (NUMBER_CONTEXT.contains(word) || CJK_NUMBER_CONTEXT.stream().anyMatch(word::endsWith)) return true;
        int small = 0;
        for (int v : o) if (v < 10) small++;
        if (small >= 3 || o[0] == 1) {
            boolean bracketed = start > 0 && text.charAt(start - 1) == '[' && end < text.length() && text.charAt(end) == ']';
            return !bracketed && !ADDRESS_CONTEXT.contains(word) && !word.endsWith("地址") && !word.endsWith("服务器");
        }
        return false;
    }

    /** The word right before {@code start}, lower-cased, skipping spaces and a few marks; "§" itself; "" when none. */
    static String wordBefore(String text, int start) {
        int i = start;
        while (i > 0 && " \t(:#§-[=".indexOf(text.charAt(i - 1)) >= 0 && start - i < 4) {
            if (text.charAt(--i) == '§') return "section";
        }
        int end = i;
        while (i > 0 && Character.isLetter(text.charAt(i - 1)) && end - i < 12) i--;
        return text.substring(i, end).toLowerCase(Locale.ROOT);
    }

    /** The eight 16-bit groups of an IPv6 address, or null when {@code s} is not one. */
    static int[] parseV6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) return null;
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        List<Integer> h = groups(head);
        List<Integer> t = groups(tail);
        if (h == null || t == null) return null;
        int n = h.size() + t.size();
        if (dbl < 0 ? n != 8 : n > 7) return null;
        int[] g = new int[8];
        for (int i = 0; i < h.size(); i++) g[i] = h.get(i);
        for (int i = 0; i < t.size(); i++) g[8 - t.size() + i] = t.get(i);
        return g;
    }

    private static List<Integer> groups(String s) {
        List<Integer> out = new java.util.ArrayList<>();
        if (s.isEmpty()) return out;
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {           // embedded IPv4 in the last two groups
                int[] o = parseV4(p);
                if (o == null) return null;
                out.add(o[0] << 8 | o[1]);
                out.add(o[2] << 8 | o[3]);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) return null;
            for (int k = 0; k < p.length(); k++) if (Character.digit(p.charAt(k), 16) < 0) return null;
            out.add(Integer.parseInt(p, 16));
        }
        return out;
    }

    /** Global unicast (2000::/3) outside documentation (2001:db8::/32) and IETF protocol assignments (2001::/23). */
    static boolean isPublicV6(int[] g) {
        if ((g[0] & 0xE000) != 0x2000) return false;
        if (g[0] == 0x2001 && g[1] == 0x0db8) return false;
        return !(g[0] == 0x2001 && g[1] < 0x0200);
    }
}
