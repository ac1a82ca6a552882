package io.winnow.ingest.lang;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Document language with a score. The writing system decides first, in "units" that weigh the
 * scripts fairly (one CJK character, or one word of an alphabetic script): when CJK units are the
 * majority the language is Japanese if kana are present, Korean if Hangul is, Chinese otherwise,
 * and the score is the CJK share (Optimaize's n-grams are unreliable on CJK text mixed with
 * commands and code, as technical pages are). Otherwise Optimaize (the model behind Tika's
 * langdetect-optimaize module; 71 languages) names the language and its probability, scaled by the
 * non-CJK share. Chinese is also told apart as Simplified or Traditional ({@link ChineseScript}).
 * Thread-safe and deterministic (the detector's sampling is seeded); the model is loaded once.
 */
public final class LanguageIdentifier {
    /** Language (ISO 639-1, {@code und} when undetermined), its score in [0, 1], and the Chinese script or null. */
    public record Result(String lang, double score, String script) {}

    /** Fewer letters than this and the text is undetermined. */
    static final int MIN_LETTERS = 20;

    private static volatile LanguageIdentifier shared;

    private final LanguageDetector detector;
    private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingOnLargeText();

    private LanguageIdentifier() {
        try {
            detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .seed(42L)
                    .withProfiles(new LanguageProfileReader().readAllBuiltIn())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the Optimaize language profiles", e);
        }
    }

    public static LanguageIdentifier get() {
        if (shared == null) {
            synchronized (LanguageIdentifier.class) {
                if (shared == null) shared = new LanguageIdentifier();
            }
        }
        return shared;
    }

    public Result identify(String text) {
        Scripts s = Scripts.count(text);
        if (s.letters < MIN_LETTERS) return new Result("und", 0, null);
        double share = s.cjkShare();
        String lang;
        double score;
        String optimaizeTop = null;
        if (share >= 0.5) {
            lang = s.cjkLanguage();
            score = share;
        } else {
            List<DetectedLanguage> probs = detector.getProbabilities(texts.forText(text));
            if (probs.isEmpty()) return new Result("und", 0, null);
            optimaizeTop = probs.get(0).getLocale().toString();
            if (isCjk(optimaizeTop)) {
                // Han n-grams won, but CJK is the minority: a mixed page, scored by its CJK share.
                lang = s.cjkLanguage();
                score = share;
            } else {
                lang = primary(optimaizeTop);
                score = probs.get(0).getProbability() * (1 - share);
            }
        }
        String script = null;
        if (lang.equals("zh")) {
            script = ChineseScript.of(text);
            if (script == null) script = "zh-TW".equalsIgnoreCase(optimaizeTop) ? "Hant" : "Hans";
        }
        return new Result(lang, Math.min(1.0, score), script);
    }

    private static boolean isCjk(String code) {
        return code.startsWith("zh") || code.equals("ja") || code.equals("ko");
    }

    private static String primary(String code) {
        int dash = code.indexOf('-');
        return dash < 0 ? code : code.substring(0, dash);
    }

    /** Letter counts by writing system, and units: CJK characters and words of other scripts. */
    static final class Scripts {
        int letters;
        int han;
        int kana;
        int hangul;
        int words;

        static Scripts count(String text) {
            Scripts s = new Scripts();
            int run = 0;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if (!Character.isLetter(cp)) {
                    if (run >= 2) s.words++;
                    run = 0;
                    continue;
                }
                s.letters++;
                switch (Character.UnicodeScript.of(cp)) {
                    case HAN -> s.han++;
                    case HIRAGANA, KATAKANA -> s.kana++;
                    case HANGUL -> s.hangul++;
                    default -> {
                        run++;
                        continue;
                    }
                }
                if (run >= 2) s.words++;
                run = 0;
            }
            if (run >= 2) s.words++;
            return s;
        }

        int cjk() {
            return han + kana + hangul;
        }

        /** Share of CJK characters among units (CJK characters plus words of other scripts). */
        double cjkShare() {
            int units = cjk() + words;
            return units == 0 ? 0 : (double) cjk() / units;
        }

        /** ko when Hangul is a good part of the CJK text, ja when kana are, zh otherwise. */
        String cjkLanguage() {
            int cjk = cjk();
            if (hangul >= 0.3 * cjk) return "ko";
            if (kana >= 0.05 * cjk) return "ja";
            return "zh";
        }
    }
}
