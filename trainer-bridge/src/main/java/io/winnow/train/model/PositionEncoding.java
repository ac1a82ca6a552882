package io.winnow.train.model;

import java.util.Locale;

/** How attention learns token order: rotary embeddings on q and k (Baichuan 2 7B) or linear biases (13B). */
public enum PositionEncoding {
    ROPE,
    ALIBI;

    public static PositionEncoding parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown position encoding '" + s + "' (rope or alibi)");
        }
    }

    public String configName() { return name().toLowerCase(Locale.ROOT); }
}
