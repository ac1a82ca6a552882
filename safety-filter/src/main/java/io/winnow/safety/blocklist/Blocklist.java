package io.winnow.safety.blocklist;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import io.winnow.safety.blocklist.TermLists.Kind;
import io.winnow.safety.text.Fold;
import io.winnow.safety.text.Scripts;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiled keyword lists: every term of every language and category in one Aho-Corasick automaton
 * (a double-array trie), so a document is scanned once whatever the number of lists.
 *
 * <p>Terms and text are folded alike ({@link Fold}). A term whose first (last) character belongs to
 * a space-delimited script must start (end) at a word boundary: "ass" does not match in "class",
 * while "性" matches inside Chinese text. A match is then kept when one of the term's lists applies to
 * the document's language; matches inside an allow-listed term are dropped; overlapping matches
 * are resolved leftmost-longest, so "他妈的" counts once, not also as "他妈".
 */
public final class Blocklist {
    /** One term in one list. */
    public record Entry(String term, String lang, String category, Kind kind) {}

    private final AhoCorasickDoubleArrayTrie<Integer> trie = new AhoCorasickDoubleArrayTrie<>();
    private final boolean[] boundaryBefore;
    private final boolean[] boundaryAfter;
    /** Entries of key k are entryLang/entryCategory/entryKind[entryStart[k] .. entryStart[k+1]). */
    private final int[] entryStart;
    private final int[] entryLang;
    private final int[] entryCategory;
    private final int[] entryKind;
    private final List<String> categories;
    private final Map<String, Integer> langIds;
    private final int terms;

    private Blocklist(List<Entry> entries) {
        Map<String, Integer> langs = new LinkedHashMap<>();
        langs.put(TermLists.ANY, 0);
        Map<String, Integer> cats = new TreeMap<>();
        TreeMap<String, List<Entry>> byKey = new TreeMap<>();
        for (Entry e : entries) {
            String key = Fold.fold(e.term().strip());
            if (key.isEmpty()) continue;
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            langs.putIfAbsent(e.lang(), langs.size());
            if (e.kind() != Kind.ALLOW) cats.putIfAbsent(e.category(), 0);
        }
        int c = 0;
        for (Map.Entry<String, Integer> e : cats.entrySet()) e.setValue(c++);
        this.categories = List.copyOf(cats.keySet());
        this.langIds = Map.copyOf(langs);

        int keys = byKey.size();
        boundaryBefore = new boolean[keys];
        boundaryAfter = new boolean[keys];
        entryStart = new int[keys + 1];
        IntArrayList lang = new IntArrayList();
        IntArrayList cat = new IntArrayList();
        IntArrayList kind = new IntArrayList();
        TreeMap<String, Integer> keyIds = new TreeMap<>();
        int k = 0;
        int n = 0;
        for (Map.Entry<String, List<Entry>> e : byKey.entrySet()) {
            String key = e.getKey();
            keyIds.put(key, k);
            boundaryBefore[k] = Scripts.isSpacedWordChar(key.codePointAt(0));
            boundaryAfter[k] = Scripts.isSpacedWordChar(key.codePointBefore(key.length()));
            entryStart[k] = lang.size();
            // the same term twice in one list counts once
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Entry en : e.getValue()) {
                if (!seen.add(en.lang() + "\0" + en.category() + "\0" + en.kind())) continue;
                lang.add(langs.get(en.lang()).intValue());
                cat.add(en.kind() == Kind.ALLOW ? -1 : cats.get(en.category()));
                kind.add(en.kind().ordinal());
                n++;
            }
            k++;
        }
        entryStart[keys] = lang.size();
        entryLang = lang.toIntArray();
        entryCategory = cat.toIntArray();
        entryKind = kind.toIntArray();
        terms = n;
        if (keys > 0) trie.build(keyIds);
    }

    public static Blocklist of(List<Entry> entries) {
        return new Blocklist(entries);
    }

    /** Category names in the order of {@link Counts} arrays. */
    public List<String> categories() { return categories; }

    /** Number of distinct (term, language, category, kind) entries. */
    public int size() { return terms; }

    /** Per-document counts of kept matches. */
    public static final class Counts {
        public final int[] hard;
        public final int[] soft;
        public int hardTotal;
        public int softTotal;
        /** Words of the text (space-delimited words, plus one per CJK/Thai character) for densities. */
        public int words;

        Counts(int categories) {
            hard = new int[categories];
            soft = new int[categories];
        }

        /** Soft matches per 1,000 words. */
        public double softDensity() {
            return words == 0 ? 0 : softTotal * 1000.0 / words;
        }
    }

    /**
     * Counts the matches in {@code text} of the lists that apply to {@code lang} ({@code any} lists
     * always; all lists when {@code lang} is null and {@code allWhenUnknown}).
     */
    public Counts match(CharSequence text, String lang, boolean allWhenUnknown) {
        Counts counts = new Counts(categories.size());
        char[] f = Fold.foldToArray(text);
        counts.words = countWords(f);
        if (entryStart.length == 1 || f.length == 0) return counts;
        String l = TermLists.normalizeLang(lang);
        Integer id = l == null ? null : langIds.get(l);
        int docLang = id != null ? id : l == null && allWhenUnknown ? -1 : -2; // -1: every list, -2: only "any"

        IntArrayList starts = new IntArrayList();
        IntArrayList ends = new IntArrayList();
        IntArrayList keys = new IntArrayList();
        trie.parseText(f, (begin, end, key) -> {
            if (boundaryBefore[key] && begin > 0 && Scripts.isSpacedWordChar(Character.codePointBefore(f, begin))) return;
            if (boundaryAfter[key] && end < f.length && Scripts.isSpacedWordChar(Character.codePointAt(f, end))) return;
            starts.add(begin);
            ends.add(end);
            keys.add(key.intValue());
        });
        if (keys.isEmpty()) return counts;

        // split into allow spans and blocked candidates, by the lists that apply to this document
        IntArrayList allowS = new IntArrayList();
        IntArrayList allowE = new IntArrayList();
        IntArrayList cand = new IntArrayList();
        for (int i = 0; i < keys.size(); i++) {
            int k = keys.getInt(i);
            boolean allow = false;
            boolean block = false;
            for (int e = entryStart[k]; e < entryStart[k + 1]; e++) {
                if (!applies(entryLang[e], docLang)) continue;
                if (entryKind[e] == Kind.ALLOW.ordinal()) allow = true; else block = true;
            }
            if (allow) {
                allowS.add(starts.getInt(i));
                allowE.add(ends.getInt(i));
            } else if (block) {
                cand.add(i);
            }
        }
        if (cand.isEmpty()) return counts;
        int[] order = cand.toIntArray();
        // leftmost first, longest first at the same start
        IntArrays.quickSort(order, (a, b) -> {
            int c = Integer.compare(starts.getInt(a), starts.getInt(b));
            return c != 0 ? c : Integer.compare(ends.getInt(b), ends.getInt(a));
        });
        int lastEnd = -1;
        for (int i : order) {
            int s = starts.getInt(i);
            int e = ends.getInt(i);
            if (s < lastEnd) continue;
            if (insideAllowed(s, e, allowS, allowE)) continue;
            lastEnd = e;
            int k = keys.getInt(i);
            for (int en = entryStart[k]; en < entryStart[k + 1]; en++) {
                if (!applies(entryLang[en], docLang) || entryKind[en] == Kind.ALLOW.ordinal()) continue;
                if (entryKind[en] == Kind.HARD.ordinal()) {
                    counts.hard[entryCategory[en]]++;
                    counts.hardTotal++;
                } else {
                    counts.soft[entryCategory[en]]++;
                    counts.softTotal++;
                }
            }
        }
        return counts;
    }

    private static boolean applies(int listLang, int docLang) {
        return listLang == 0 || docLang == -1 || listLang == docLang;
    }

    private static boolean insideAllowed(int s, int e, IntArrayList allowS, IntArrayList allowE) {
        for (int i = 0; i < allowS.size(); i++) {
            if (allowS.getInt(i) <= s && e <= allowE.getInt(i)) return true;
        }
        return false;
    }

    /** Space-delimited words plus one word per character of unspaced scripts. */
    static int countWords(char[] f) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < f.length; ) {
            int cp = Character.codePointAt(f, i);
            i += Character.charCount(cp);
            if (Scripts.isUnspaced(cp)) {
                words++;
                inWord = false;
            } else if (Scripts.isSpacedWordChar(cp)) {
                if (!inWord) words++;
                inWord = true;
            } else {
                inWord = false;
            }
        }
        return words;
    }
}
