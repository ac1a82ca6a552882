package io.winnow.tokenizer.model;

import java.util.Map;

import static io.winnow.tokenizer.model.FieldKind.*;

/** SentencePiece's {@code NormalizerSpec}: the rule name, its precompiled char map, and the whitespace options. */
public final class NormalizerSpec extends SpecMessage {
    private static final Map<Integer, Field> SCHEMA = table(
            f(1, "name", STRING, ""),
            f(2, "precompiled_charsmap", BYTES, new byte[0]),
            f(3, "add_dummy_prefix", BOOL, true),
            f(4, "remove_extra_whitespaces", BOOL, true),
            f(5, "escape_whitespaces", BOOL, true),
            f(6, "normalization_rule_tsv", STRING, ""));

    @Override
    Map<Integer, Field> schema() { return SCHEMA; }

    /** What {@code --normalization_rule_name=identity} stores (spm writes the empty char map explicitly). */
    public static NormalizerSpec identity(boolean addDummyPrefix, boolean removeExtraWhitespaces) {
        NormalizerSpec s = new NormalizerSpec();
        s.set("name", "identity");
        s.set("precompiled_charsmap", new byte[0]);
        s.set("add_dummy_prefix", addDummyPrefix);
        s.set("remove_extra_whitespaces", removeExtraWhitespaces);
        return s;
    }

    public String name() { return getString("name"); }
    public byte[] precompiledCharsmap() { return getBytes("precompiled_charsmap"); }
    public boolean addDummyPrefix() { return getBool("add_dummy_prefix"); }
    public boolean removeExtraWhitespaces() { return getBool("remove_extra_whitespaces"); }
    public boolean escapeWhitespaces() { return getBool("escape_whitespaces"); }
}
