package io.winnow.ingest.extract;

/**
 * A document that cannot become text; {@code rule} is the reject reason the extract step records
 * ({@code timeout}, {@code too_large}, {@code binary_content}, {@code parse_error}, ...).
 */
public final class ExtractException extends RuntimeException {
    private final String rule;

    public ExtractException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public ExtractException(String rule, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    public String rule() { return rule; }
}
