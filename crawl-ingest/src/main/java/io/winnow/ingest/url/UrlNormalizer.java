package io.winnow.ingest.url;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Canonical form of a URL, so that captures of one page compare equal: lower-case scheme and host,
 * IDN host in punycode, no default port, no fragment, dot segments resolved, an empty path as
 * {@code /}, percent-escapes upper-cased and unreserved characters unescaped, characters that are
 * not allowed in URLs (spaces, non-ASCII) escaped as UTF-8. The query is kept as it is (its order
 * can matter to the server). Returns null for text that is not an absolute URL with a host (file URLs excepted).
 */
public final class UrlNormalizer {
    private UrlNormalizer() {}

    public static String normalize(String raw) {
        if (raw == null) return null;
        String s = raw.strip();
        if (s.length() >= 2 && s.charAt(0) == '<' && s.charAt(s.length() - 1) == '>') s = s.substring(1, s.length() - 1).strip();
        int hash = s.indexOf('#');
        if (hash >= 0) s = s.substring(0, hash);
        s = escapeIllegal(s);
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = u.getScheme();
        if (scheme == null) return null;
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) return "file://" + normPath(u.getRawPath() == null ? "/" : u.getRawPath());
        String host = u.getHost();
        if (host == null) {
            // java.net.URI leaves hosts with '_' or non-ASCII as registry-based authorities.
            String auth = u.getRawAuthority();
            if (auth == null) return null;
            int at = auth.lastIndexOf('@');
            String hp = at >= 0 ? auth.substring(at + 1) : auth;
            int colon = hp.lastIndexOf(':');
            host = colon > 0 && hp.indexOf(']') < colon ? hp.substring(0, colon) : hp;
            if (host.isEmpty()) return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
        try {
            if (!host.startsWith("[")) host = IDN.toASCII(decodeHost(host), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int port = u.getPort();
        if ((port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https")) || (port == 21 && scheme.equals("ftp"))) port = -1;
        StringBuilder sb = new StringBuilder(s.length());
        sb.append(scheme).append("://");
        if (u.getRawUserInfo() != null) sb.append(u.getRawUserInfo()).append('@');
        sb.append(host);
        if (port >= 0) sb.append(':').append(port);
        String path = u.getRawPath();
        sb.append(path == null || path.isEmpty() ? "/" : normPath(path));
        String q = u.getRawQuery();
        if (q != null && !q.isEmpty()) sb.append('?').append(normEscapes(q));
        return sb.toString();
    }

    /** The host of a normalized URL, or null. */
    public static String host(String normalized) {
        if (normalized == null) return null;
        int start = normalized.indexOf("://");
        if (start < 0) return null;
        start += 3;
        int end = start;
        while (end < normalized.length() && "/?#".indexOf(normalized.charAt(end)) < 0) end++;
        String auth = normalized.substring(start, end);
        int at = auth.lastIndexOf('@');
        if (at >= 0) auth = auth.substring(at + 1);
        int colon = auth.lastIndexOf(':');
        if (colon > 0 && auth.indexOf(']') < colon) auth = auth.substring(0, colon);
        return auth.isEmpty() ? null : auth;
    }

    private static String decodeHost(String host) {
        return host.indexOf('%') < 0 ? host : java.net.URLDecoder.decode(host, StandardCharsets.UTF_8);
    }

    private static String normPath(String path) {
        String p = removeDotSegments(path);
        return normEscapes(p.isEmpty() ? "/" : p);
    }

    /** RFC 3986 section 5.2.4. */
    static String removeDotSegments(String path) {
        StringBuilder out = new StringBuilder();
        String in = path;
        while (!in.isEmpty()) {
            if (in.startsWith("../")) in = in.substring(3);
            else if (in.startsWith("./")) in = in.substring(2);
            else if (in.startsWith("/./")) in = in.substring(2);
            else if (in.equals("/.")) in = "/";
            else if (in.startsWith("/../") || in.equals("/..")) {
                in = in.length() == 3 ? "/" : in.substring(3);
                int last = out.lastIndexOf("/");
                out.setLength(Math.max(0, last));
            } else if (in.equals(".") || in.equals("..")) in = "";
            else {
                int start = in.startsWith("/") ? 1 : 0;
                int next = in.indexOf('/', start);
                if (next < 0) next = in.length();
                out.append(in, 0, next);
                in = in.substring(next);
            }
        }
        return out.toString();
    }

    /** Upper-cases escapes and unescapes the unreserved characters (ALPHA, DIGIT, -._~). */
    static String normEscapes(String s) {
        if (s.indexOf('%') < 0) return s;
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                int v = hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2));
                if ((v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') || (v >= '0' && v <= '9') || v == '-' || v == '.' || v == '_' || v == '~') {
                    sb.append((char) v);
                } else {
                    sb.append('%').append(Character.toUpperCase(s.charAt(i + 1))).append(Character.toUpperCase(s.charAt(i + 2)));
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** Percent-encodes (as UTF-8) every character a URI may not contain, and lone '%' signs. */
    static String escapeIllegal(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0
                    && !(c == '%' && !(i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0));
            if (ok) {
                if (sb != null) sb.append(c);
                continue;
            }
            if (sb == null) sb = new StringBuilder(s.substring(0, i));
            int cp = s.codePointAt(i);
            if (Character.charCount(cp) == 2) i++;
            for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                sb.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
