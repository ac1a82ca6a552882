package io.winnow.tokenizer.report;

import io.winnow.tokenizer.model.Piece;
import io.winnow.tokenizer.model.PieceType;
import io.winnow.tokenizer.model.SentencePieceModel;
import io.winnow.tokenizer.text.UnicodeScripts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a vocabulary is made of. Special types (byte, control, unknown, user-defined, unused) are counted by type;
 * normal pieces by content: whitespace-only (U+2581 runs), digits, CJK (Han, kana, Hangul), Latin, other scripts,
 * punctuation/symbols, or mixed. A leading U+2581 is ignored for the content class and counted separately.
 */
public final class VocabComposition {
    private VocabComposition() {}

    public static Map<String, Integer> of(SentencePieceModel model) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String k : new String[]{"total", "byte", "control", "unknown", "user_defined", "unused", "whitespace_only",
                "digits", "cjk", "latin", "other_script", "punctuation_symbol", "mixed", "single_char",
                "leading_whitespace", "max_length_chars"}) {
            m.put(k, 0);
        }
        for (Piece p : model.pieces()) {
            m.merge("total", 1, Integer::sum);
            switch (p.type()) {
                case BYTE -> { m.merge("byte", 1, Integer::sum); continue; }
                case CONTROL -> { m.merge("control", 1, Integer::sum); continue; }
                case UNKNOWN -> { m.merge("unknown", 1, Integer::sum); continue; }
                case USER_DEFINED -> { m.merge("user_defined", 1, Integer::sum); continue; }
                case UNUSED -> { m.merge("unused", 1, Integer::sum); continue; }
                default -> { }
            }
            String s = p.piece();
            int len = s.codePointCount(0, s.length());
            m.put("max_length_chars", Math.max(m.get("max_length_chars"), len));
            if (len == 1) m.merge("single_char", 1, Integer::sum);
            m.merge(classify(s), 1, Integer::sum);
            if (s.startsWith("\u2581") && len > 1 && !s.chars().allMatch(c -> c == 0x2581)) {
                m.merge("leading_whitespace", 1, Integer::sum);
            }
        }
        return m;
    }

    /** The content class of a normal piece. */
    public static String classify(String s) {
        if (s.chars().allMatch(c -> c == 0x2581)) return "whitespace_only";
        String body = s.startsWith("\u2581") ? s.substring(1) : s;
        boolean digit = true, cjk = false, latin = false, other = false, punct = false;
        for (int i = 0; i < body.length(); ) {
            int c = body.codePointAt(i);
            i += Character.charCount(c);
            boolean d = c >= '0' && c <= '9' || c >= 0xFF10 && c <= 0xFF19;
            if (!d) digit = false;
            String script = UnicodeScripts.name(UnicodeScripts.of(c));
            switch (script) {
                case "Hani", "Hira", "Kana", "Hang" -> cjk = true;
                case "Latn" -> latin = true;
                case "Zyyy", "Zinh" -> { if (!d && c != 0x2581) punct = true; }
                default -> other = true;
            }
        }
        if (digit) return "digits";
        int kinds = (cjk ? 1 : 0) + (latin ? 1 : 0) + (other ? 1 : 0);
        if (kinds > 1) return "mixed";
        if (cjk) return "cjk";
        if (latin) return "latin";
        if (other) return "other_script";
        return "punctuation_symbol";
    }
}
