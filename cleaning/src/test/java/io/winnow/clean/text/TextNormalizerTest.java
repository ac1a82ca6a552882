package io.winnow.clean.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    TextNormalizer n(TextNormalizer.Params p) {
        return new TextNormalizer("normalize", p);
    }

    @Test
    void removesInvisiblesControlsAndAnsiAndFixesLines() {
        String in = "\uFEFFa\u200Bb\u00AD\r\nc  \t\n\n\n\n\u202Ed\u0007e\n\u001B[32m绿\u001B[m\n\n";
        assertEquals("ab\nc\n\nde\n绿", n(new TextNormalizer.Params()).normalize(in));
    }

    @Test
    void keepsIndentationAndJoiners() {
        String code = "def f():\n    return 1\n\tx = \"a\u200Db\"";
        assertEquals(code, n(new TextNormalizer.Params()).normalize(code));
        assertEquals("    indented first line", n(new TextNormalizer.Params()).normalize("\n\n    indented first line\n"));
    }

    @Test
    void unicodeForms() {
        assertEquals("é", n(new TextNormalizer.Params()).normalize("e\u0301"));
        TextNormalizer.Params k = new TextNormalizer.Params();
        k.unicode = "nfkc";
        assertEquals("full 12", n(k).normalize("ｆｕｌｌ １２"));
        assertEquals("ｆｕｌｌ", n(new TextNormalizer.Params()).normalize("ｆｕｌｌ"), "NFC keeps full-width forms");
    }

    @Test
    void blankLineCapIsConfigurableAndOffSwitchWorks() {
        TextNormalizer.Params p = new TextNormalizer.Params();
        p.maxBlankLines = 2;
        assertEquals("a\n\n\nb", n(p).normalize("a\n\n\n\n\nb"));
        TextNormalizer.Params off = new TextNormalizer.Params();
        off.enabled = false;
        assertEquals("a\u200B\r\n", n(off).normalize("a\u200B\r\n"));
    }
}
