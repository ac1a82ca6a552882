package io.winnow.core.cli;

/**
 * Lets a stage module give the {@code winnow} command a subcommand of its own shape (for example
 * {@code winnow tokenizer train|encode|...}) instead of the standard {@code --input/--output}
 * stage command. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.winnow.core.cli.CommandProvider}); core itself does not depend on
 * picocli, the module that contributes a command does.
 */
public interface CommandProvider {
    /** The subcommand name, e.g. {@code tokenizer}. */
    String name();

    /** One line for {@code winnow --help}. */
    String description();

    /** A new picocli {@code @Command}-annotated object (with {@code mixinStandardHelpOptions = true}). */
    Object command();

    /**
     * Runs the arguments after the subcommand's name straight away, if this provider can read them exactly as its
     * picocli command would, and returns the exit code; null (the default) lets picocli parse and run them. Picocli
     * builds a command's model from its annotations in code that runs once, uncompiled: 0.1-0.15 s, a noticeable
     * share of a command that itself takes a few seconds (a tokenizer training). Exceptions are reported as the
     * picocli command's would be.
     */
    default Integer runDirectly(String[] args) throws Exception {
        return null;
    }
}
