package io.winnow.dedup.shingle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShingleNormalizerTest {
    private final ShingleNormalizer all = new ShingleNormalizer(ShingleNormalizer.Options.DATATROVE);

    @Test
    void lowercasesStripsAccentsAndPunctuationAndFoldsNumbers() {
        // the hyphen and the euro sign are deleted, so "déjà-vu" is one word and "€uros" loses its symbol
        assertEquals("cafe dejavu costs 0 uros", all.normalize("Café  DÉJÀ-vu costs 1,234.50 €uros!"));
        // punctuation is deleted, not replaced by a space: "e-mail" becomes one word
        assertEquals("email me at 0", all.normalize("E-mail me at 555-0199."));
        assertEquals("", all.normalize("  ... !!! ---  "));
    }

    @Test
    void whitespaceRunsBecomeOneSpace() {
        assertEquals("a b c", all.normalize("\n\ta \u00A0\u3000 b\r\n\r\nc  "));
    }

    @Test
    void cjkPunctuationGoesAndIdeographsStay() {
        assertEquals("秦川雄帝宅函谷壯皇居", all.normalize("秦川雄帝宅，函谷壯皇居。"));
        // full-width digits are digits
        assertEquals("第0章", all.normalize("第１２章"));
    }

    @Test
    void optionsTurnStepsOff() {
        ShingleNormalizer none = new ShingleNormalizer(ShingleNormalizer.Options.NONE);
        assertEquals("Café 1,234!", none.normalize("Café   1,234!"));
        ShingleNormalizer caseOnly = new ShingleNormalizer(new ShingleNormalizer.Options(true, false, false, false));
        assertEquals("café 1,234!", caseOnly.normalize("Café 1,234!"));
    }
}
