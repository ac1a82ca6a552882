package io.winnow.core.steps;

import io.winnow.core.doc.Document;
import io.winnow.core.step.Mapper;
import io.winnow.core.step.Step;
import io.winnow.core.step.StepFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Gives documents a stable id: {@code prefix} + the first 128 bits of SHA-256 of the text, in hex.
 * Documents that already have an id keep it unless {@code overwrite} is set.
 */
public final class AssignIdMapper extends Mapper {
    public static final class Params {
        public String prefix = "";
        public boolean overwrite = false;
    }

    public static final class Factory implements StepFactory<Params> {
        @Override public String type() { return "assign_id"; }
        @Override public String description() { return "set id = prefix + sha256(text)[:32] where missing (or always, with overwrite)"; }
        @Override public Class<Params> paramsType() { return Params.class; }
        @Override public Step create(String name, Params p) { return new AssignIdMapper(name, p.prefix, p.overwrite); }
    }

    private final String prefix;
    private final boolean overwrite;
    private final MessageDigest sha;

    public AssignIdMapper(String name, String prefix, boolean overwrite) {
        super(name);
        this.prefix = prefix == null ? "" : prefix;
        this.overwrite = overwrite;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Document map(Document doc) {
        if (doc.id() != null && !doc.id().isEmpty() && !overwrite) return doc;
        byte[] h = sha.digest(doc.text().getBytes(StandardCharsets.UTF_8));
        return doc.id(prefix + HexFormat.of().formatHex(h, 0, 16));
    }
}
