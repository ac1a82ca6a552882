package io.winnow.safety.pii;

import java.util.Locale;

/** The kinds of personal data {@code pii_redact} finds; the lower-case name is used in configs and scores. */
public enum PiiKind {
    EMAIL("[EMAIL]"),
    CN_ID("[ID_NUMBER]"),
    PAYMENT_CARD("[CARD_NUMBER]"),
    IP("[IP_ADDRESS]"),
    PHONE("[PHONE]");

    private final String placeholder;

    PiiKind(String placeholder) {
        this.placeholder = placeholder;
    }

    /** The default replacement text. */
    public String defaultPlaceholder() { return placeholder; }

    public String key() { return name().toLowerCase(Locale.ROOT); }
}
