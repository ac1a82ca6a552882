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
}
