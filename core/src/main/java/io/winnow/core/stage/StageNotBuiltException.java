package io.winnow.core.stage;

import java.util.Map;

/** A stage that is part of Winnow's design but not in this build: it is reported, never faked. */
public final class StageNotBuiltException extends RuntimeException {
    /** Stages of the design and the issue that builds each. */
    public static final Map<String, Integer> PLANNED = Map.of(
            "ingest", 3, "clean", 4, "dedup", 5, "safety", 6, "tokenizer", 7, "mix", 8, "train", 9);

    private final String stage;

    public StageNotBuiltException(String stage) {
        super("stage '" + stage + "' is not built yet"
                + (PLANNED.containsKey(stage) ? " (issue #" + PLANNED.get(stage) + ")" : "") + "; nothing was run");
        this.stage = stage;
    }

    public String stage() { return stage; }
}
