package io.winnow.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hand-made lines that hit the encoder's corner cases; joined with '\n' they form a test file. */
public final class EdgeCases {
    private EdgeCases() {}

    public static List<byte[]> lines() {
        List<byte[]> l = new ArrayList<>();
        for (String s : new String[]{
                "Hello world 12345", "    def foo(self):\treturn  x", "😀 emoji 👍🏽 and 🇨🇳 flags", "𠀀𠀁 rare CJK 龘",
                "literal <0x41> and <s> and </s> and <unk> pieces", "<reserved_1>abc<reserved_1><reserved_1>",
                "<|endoftext|>的的的<|endoftext|>", "  leading and trailing  ", "a\u00a0b\u3000c", "already ▁ escaped ▁▁",
                "tab\tseparated\tvalues", "ｆｕｌｌｗｉｄｔｈ　ＡＢＣ１２３", "Ĉu ĉi tio funkcias? Ελληνικά русский עברית العربية",
                "ﾊﾟﾝｹｰｷ カタカナー ひらがな", "e\u0301 combining", "\u0001\u0002 control \u007f", "carriage\rreturn",
                "    ", "x", "数字1234567890和中文，标点。", "http://example.com/path?q=1&r=2#frag", "▅ reserved char"}) {
            l.add(s.getBytes(StandardCharsets.UTF_8));
        }
        l.add(new byte[0]);
        l.add(bytes("invalid \u00ff byte", new byte[]{(byte) 0xFF}));
        l.add(bytes("truncated", new byte[]{(byte) 0xE4, (byte) 0xB8}));
        l.add(bytes("overlong", new byte[]{(byte) 0xC0, (byte) 0xAF, 'z'}));
        l.add(bytes("surrogate", new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80, 'z'}));
        l.add(bytes("lone continuation", new byte[]{(byte) 0x80, (byte) 0xBF, 'q'}));
        l.add(bytes("nul", new byte[]{0, 'n', 0}));
        l.add(bytes("high", new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}));
        l.add(bytes("", new byte[]{(byte) 0xEF, (byte) 0xBF, (byte) 0xBD, ' ', (byte) 0xFE}));
        return l;
    }

    private static byte[] bytes(String prefix, byte[] tail) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(prefix.replace("\u00ff", "").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(tail);
        b.writeBytes(" end".getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    public static byte[] joined() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] line : lines()) {
            b.writeBytes(line);
            b.write('\n');
        }
        return b.toByteArray();
    }
}
