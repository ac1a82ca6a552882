package io.winnow.safety.blocklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.winnow.core.doc.Document;
import io.winnow.core.testing.Corpora;
import io.winnow.safety.testing.NpmLists;
import io.winnow.safety.testing.StepRun;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LDNOOBW lists (npm naughty-words, the lists C4 uses) over the real fortune-cookie corpus
 * (15k English and 5.5k Chinese texts, some crude): the documents the step drops are exactly the
 * ones an independent regular-expression oracle finds a whole-word (en) or substring (zh) match in.
 */
class KeywordBlocklistRealListsTest {
    static Path lists;
    static List<Document> fortunes;

    @BeforeAll
    static void setUp() throws Exception {
        lists = NpmLists.fetch("ldnoobw");
        fortunes = StepRun.read(Corpora.file("jsonl/fortunes.jsonl"));
    }

    /** NFKC + lower case: a folding written independently of {@link io.winnow.safety.text.Fold}. */
    static String oracleFold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace("\u200B", "").replace("\u00AD", "");
    }

    /** A word character of a space-delimited script, as a regular-expression class (the oracle's own definition). */
    static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}\\p{M}_&&[^\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsThai}]]");

    static boolean word(String s, int cpIndex) {
        return WORD.matcher(new String(Character.toChars(s.codePointAt(cpIndex)))).matches();
    }

    /** True when {@code term} occurs in {@code text} with non-word neighbours at its word-character edges. */
    static boolean occurs(String text, String term) {
        boolean before = word(term, 0);
        boolean after = word(term, term.offsetByCodePoints(term.length(), -1));
        for (int i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
            int end = i + term.length();
            if (before && i > 0 && word(text, text.offsetByCodePoints(i, -1))) continue;
            if (after && end < text.length() && word(text, end)) continue;
            return true;
        }
        return false;
    }

    @Test
    void dropsExactlyTheFortunesWithAListedTerm() {
        List<String> en = TermLists.read(lists.resolve("en/profanity.txt"));
        List<String> zh = new ArrayList<>(TermLists.read(lists.resolve("zh/profanity.txt")));
        zh.removeAll(TermLists.read(lists.resolve("zh/allow.txt")));
        assertTrue(en.size() > 300 && zh.size() > 250, en.size() + " / " + zh.size());
        List<String> enFolded = en.stream().map(KeywordBlocklistRealListsTest::oracleFold).toList();
        List<String> zhFolded = zh.stream().map(KeywordBlocklistRealListsTest::oracleFold).toList();

        Set<String> expected = new TreeSet<>();
        for (Document d : fortunes) {
            String f = oracleFold(d.text());
            if ((d.lang().equals("en") ? enFolded : zhFolded).stream().anyMatch(t -> occurs(f, t))) expected.add(d.id());
        }

        KeywordBlocklistStep.Params p = new KeywordBlocklistStep.Params();
        p.lists = List.of(lists.toString());
        List<Document> copies = fortunes.stream().map(Document::copy).toList();
        StepRun run = StepRun.of(new KeywordBlocklistStep("keyword_blocklist", p), copies);

        Set<String> missed = new TreeSet<>(expected);
        missed.removeAll(run.rejected.keySet());
        Set<String> extra = new TreeSet<>(run.rejected.keySet());
        extra.removeAll(expected);
        assertEquals(Set.of(), missed, "documents the oracle finds a term in but the step kept");
        assertEquals(Set.of(), extra, "documents the step dropped without an oracle match");
        assertTrue(expected.size() > 300, "real crude fortunes are found: " + expected.size());
        assertTrue(run.rejected.values().stream().allMatch(r -> r.equals("hard:profanity")));
        long zhDropped = run.rejectedDocs.stream().filter(d -> d.lang().equals("zh")).count();
        assertTrue(zhDropped > 0, "Chinese terms match inside Chinese text without word boundaries");
        for (Document d : run.rejectedDocs) {
            assertTrue(d.scores().get("blocklist.hard").intValue() >= 1);
            assertEquals(d.scores().get("blocklist.hard"), d.scores().get("blocklist.profanity"));
        }
        for (Document d : run.kept) assertTrue(!d.hasScores() || !d.scores().containsKey("blocklist.hard"));
        assertEquals(fortunes.size(), run.kept.size() + run.rejected.size());
    }

    @Test
    void tagModeKeepsEveryDocumentAndCountsTheSame() {
        KeywordBlocklistStep.Params p = new KeywordBlocklistStep.Params();
        p.lists = List.of(lists.toString());
        p.action = KeywordBlocklistStep.Action.TAG;
        List<Document> docs = fortunes.subList(0, 3000).stream().map(Document::copy).toList();
        StepRun run = StepRun.of(new KeywordBlocklistStep("kb", p), docs);
        assertEquals(3000, run.kept.size());
        long tagged = run.kept.stream().filter(d -> d.hasScores() && d.scores().containsKey("blocklist.hard")).count();
        assertTrue(tagged > 10, "tagged: " + tagged);
        assertEquals(tagged, run.kept.stream().filter(d -> d.hasScores()).count());
    }

    @Test
    void theOtherNpmListsLoadInTheSameLayout() throws Exception {
        Path toad = NpmLists.fetch("2toad");
        Path chinese = NpmLists.fetch("bad-words-chinese");
        KeywordBlocklistStep.Params p = new KeywordBlocklistStep.Params();
        p.lists = List.of(toad.toString(), chinese.toString());
        Blocklist b = p.compiled();
        assertTrue(b.size() > 3000, "entries: " + b.size());
        // bad-words-chinese writes Traditional-script terms; 2toad's zh list is Simplified
        int hits = 0;
        for (Document d : fortunes) if (d.lang().equals("zh") && b.match(d.text(), "zh", true).hardTotal > 0) hits++;
        assertTrue(hits > 0, "Chinese fortunes matched: " + hits);
    }
}
