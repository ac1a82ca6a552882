package io.winnow.safety.domain;

import java.net.IDN;
import java.util.Locale;

/**
 * The host and path of a URL, read leniently (crawled URLs are often not valid URIs): scheme,
 * user info, port, query and fragment are dropped; the host is lower-cased, without a trailing dot,
 * and internationalized names are converted to their ASCII (punycode) form as block lists write them.
 *
 * @param host the host name or IP address ("" when there is none)
 * @param path the path, starting with '/', lower-cased; "" when there is none
 */
public record UrlParts(String host, String path) {
    public static UrlParts parse(String url) {
        if (url == null) return new UrlParts("", "");
        String s = url.strip();
        int scheme = s.indexOf("://");
        if (scheme >= 0 && scheme < 16) s = s.substring(scheme + 3);
        else if (s.startsWith("//")) s = s.substring(2);
        int end = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String authority = s.substring(0, end);
        String rest = s.substring(end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) authority = authority.substring(at + 1);
        String host;
        if (authority.startsWith("[")) {                      // IPv6 literal
            int close = authority.indexOf(']');
            host = close > 0 ? authority.substring(1, close) : authority.substring(1);
        } else {
            int colon = authority.indexOf(':');
            host = colon >= 0 ? authority.substring(0, colon) : authority;
        }
        host = host.toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) host = host.substring(0, host.length() - 1);
        if (!host.chars().allMatch(c -> c < 0x80)) {
            try {
                host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                // not a valid IDN: keep it as written
            }
        }
        int cut = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == '?' || rest.charAt(i) == '#') {
                cut = i;
                break;
            }
        }
        String path = rest.substring(0, cut).toLowerCase(Locale.ROOT);
        return new UrlParts(host, path);
    }
}
