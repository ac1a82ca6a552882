package io.winnow.core.step;

/**
 * Registers a step type by name, so configs list steps by name instead of class. Implementations
 * are found with {@link java.util.ServiceLoader} ({@code META-INF/services/io.winnow.core.step.StepFactory}).
 *
 * @param <P> the step's settings: a class with public fields, snake_case in YAML, defaults in the
 *            field initializers; implement {@link io.winnow.core.config.Config.Validatable} to check them
 */
public interface StepFactory<P> {
    /** The name configs use ({@code text_length}). */
    String type();

    /** One line for {@code winnow steps --list}. */
    String description();

    Class<P> paramsType();

    /** A fresh step for one shard. */
    Step create(String name, P params);
}
