package io.winnow.safety.pii;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses: {@code local@domain.tld} with a dotted domain and an alphabetic top-level label.
 * Image names such as {@code logo@2x.png} (a "domain" ending in a file extension) are not addresses.
 */
public final class EmailDetector implements Detector {
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+\\-])[A-Za-z0-9](?:[A-Za-z0-9._%+\\-]{0,62}[A-Za-z0-9_%+\\-])?"
            + "@(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?\\.)+([A-Za-z]{2,24})(?![A-Za-z0-9\\-]|\\.[A-Za-z0-9])");
    private static final Set<String> FILE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico",
            "tif", "tiff", "avif", "css", "js", "pdf");

    @Override
    public PiiKind kind() { return PiiKind.EMAIL; }

    @Override
    public void find(String text, List<Span> out) {
        int at = text.indexOf('@');
        if (at < 0) return;
        Matcher m = EMAIL.matcher(text);
        m.useTransparentBounds(true).useAnchoringBounds(false);
        int done = 0;
        // only the neighbourhood of each '@' can hold an address
        for (; at >= 0; at = text.indexOf('@', at + 1)) {
            if (at < done) continue;
            m.region(Math.max(done, at - 64), Math.min(text.length(), at + 256));
            if (!m.find() || m.start() > at) continue;
            done = m.end();
            if (FILE_EXTENSIONS.contains(m.group(1).toLowerCase(Locale.ROOT))) continue;
            if (m.group().contains("..")) continue;
            out.add(new Span(m.start(), m.end(), PiiKind.EMAIL));
        }
    }
}
