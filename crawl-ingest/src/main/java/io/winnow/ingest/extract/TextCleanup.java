package io.winnow.ingest.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Final shape of extracted text: Unix newlines, no control characters, no trailing blanks, at most one empty line in a row. */
public final class TextCleanup {
    private TextCleanup() {}

    public static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int blank = 0;
        for (String line : s.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            String l = stripControls(line).stripTrailing();
            if (l.isBlank()) {
                blank++;
                continue;
            }
            if (sb.length() > 0) sb.append(blank > 0 ? "\n\n" : "\n");
            blank = 0;
            sb.append(l);
        }
        return sb.toString();
    }

    private static String stripControls(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = (c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0) || c == '\uFEFF';
            if (bad) {
                if (sb == null) sb = new StringBuilder(s.substring(0, i));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * Removes the running headers and footers of paged text (pages separated by form feeds): the
     * first and last two lines of a page whose digits-blanked form recurs on at least half of the
     * pages (page numbers, book and chapter titles). Documents under four pages are left alone.
     */
    public static String dropPageFurniture(String paged) {
        String[] pages = paged.split(String.valueOf(DeadlineContentHandler.PAGE_BREAK), -1);
        List<List<String>> lines = new ArrayList<>();
        for (String p : pages) {
            List<String> ls = new ArrayList<>();
            for (String l : p.split("\n")) if (!l.isBlank()) ls.add(l);
            if (!ls.isEmpty()) lines.add(ls);
        }
        if (lines.size() < 4) return paged.replace(DeadlineContentHandler.PAGE_BREAK, '\n');
        Map<String, Integer> freq = new HashMap<>();
        for (List<String> ls : lines) {
            for (String key : edgeKeys(ls)) freq.merge(key, 1, Integer::sum);
        }
        int need = Math.max(3, lines.size() / 2);
        StringBuilder sb = new StringBuilder(paged.length());
        for (String p : pages) {
            String[] ls = p.split("\n", -1);
            List<Integer> nonBlank = new ArrayList<>();
            for (int i = 0; i < ls.length; i++) if (!ls[i].isBlank()) nonBlank.add(i);
            java.util.Set<Integer> drop = new java.util.HashSet<>();
            int n = nonBlank.size();
            for (int k = 0; k < Math.min(2, n); k++) {
                int i = nonBlank.get(k);
                if (freq.getOrDefault(key(ls[i]), 0) >= need) drop.add(i);
            }
            for (int k = Math.max(0, n - 2); k < n; k++) {
                int i = nonBlank.get(k);
                if (freq.getOrDefault(key(ls[i]), 0) >= need) drop.add(i);
            }
            for (int i = 0; i < ls.length; i++) {
                if (drop.contains(i)) continue;
                sb.append(ls[i]).append('\n');
            }
        }
        return sb.toString();
    }

    private static java.util.Set<String> edgeKeys(List<String> ls) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int k = 0; k < Math.min(2, ls.size()); k++) keys.add(key(ls.get(k)));
        for (int k = Math.max(0, ls.size() - 2); k < ls.size(); k++) keys.add(key(ls.get(k)));
        return keys;
    }

    private static String key(String line) {
        return line.strip().replaceAll("\\s+", " ").replaceAll("\\d+", "#");
    }
}
