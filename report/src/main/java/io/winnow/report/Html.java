package io.winnow.report;

/** A small HTML writer that escapes everything it is given. */
final class Html {
    private final StringBuilder sb = new StringBuilder();

    static String esc(Object o) {
        String s = String.valueOf(o);
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    Html raw(String s) {
        sb.append(s);
        return this;
    }

    Html tag(String name, Object text) {
        sb.append('<').append(name).append('>').append(esc(text)).append("</").append(name).append(">\n");
        return this;
    }

    Html table(String[] header, Iterable<Object[]> rows) {
        sb.append("<table><thead><tr>");
        for (String h : header) sb.append("<th>").append(esc(h)).append("</th>");
        sb.append("</tr></thead><tbody>\n");
        for (Object[] r : rows) {
            sb.append("<tr>");
            for (Object c : r) {
                boolean num = c instanceof Number;
                sb.append(num ? "<td class=\"n\">" : "<td>").append(esc(format(c))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>\n");
        return this;
    }

    Html img(String alt, String src) {
        sb.append("<img alt=\"").append(esc(alt)).append("\" src=\"").append(src).append("\">\n");
        return this;
    }

    static String format(Object c) {
        if (c instanceof Double d) return String.format(java.util.Locale.ROOT, Math.abs(d) < 10 ? "%.3f" : "%,.1f", d);
        if (c instanceof Long || c instanceof Integer) return String.format(java.util.Locale.ROOT, "%,d", ((Number) c).longValue());
        return c == null ? "" : c.toString();
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
