package io.winnow.clean.sentence;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sentence boundaries from ICU's BreakIterator (UAX #29 with per-language rules; Chinese and
 * Japanese 。！？ end sentences). Pieces keep their trailing spaces, so joining them gives back
 * the input exactly. Iterators are cloned per thread and language.
 */
public final class Sentences {
    private static final Map<String, BreakIterator> PROTOTYPES = new ConcurrentHashMap<>();
    private static final ThreadLocal<Map<String, BreakIterator>> LOCAL = ThreadLocal.withInitial(java.util.HashMap::new);

    private Sentences() {}

    public static List<String> split(String text, String lang) {
        String key = lang == null || lang.isEmpty() ? "root" : lang;
        BreakIterator it = LOCAL.get().computeIfAbsent(key, k -> (BreakIterator) PROTOTYPES
                .computeIfAbsent(k, l -> BreakIterator.getSentenceInstance(new ULocale(l.replace('-', '_')))).clone());
        it.setText(text);
        List<String> out = new ArrayList<>();
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            if (end > start) out.add(text.substring(start, end));
        }
        return out;
    }
}
