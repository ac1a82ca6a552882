package io.winnow.core.stage;

import io.winnow.core.config.Config;

/**
 * A stage kind ({@code clean}, {@code dedup}, ...), found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.winnow.core.stage.StageProvider}). The CLI subcommand and a
 * pipeline's {@code stage:} entry with this name both come here.
 */
public interface StageProvider {
    String name();

    /** One line for {@code --help} and listings. */
    String description();

    /** Binds and checks the stage's settings; throws {@link io.winnow.core.config.ConfigException}. */
    Stage bind(Config config);
}
