package io.winnow.cli;

import io.winnow.core.config.Config;
import io.winnow.core.step.StepFactory;
import io.winnow.core.step.StepRegistry;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/** Prints every registered step type with its settings and defaults. */
final class StepList {
    private StepList() {}

    static void print(PrintWriter out) throws ReflectiveOperationException, com.fasterxml.jackson.core.JsonProcessingException {
        for (StepFactory<?> f : StepRegistry.load().factories().values()) {
            out.println(f.type() + " - " + f.description());
            Object defaults = f.paramsType().getDeclaredConstructor().newInstance();
            for (Field field : f.paramsType().getFields()) {
                if (Modifier.isStatic(field.getModifiers())) continue;
                out.println("    " + snake(field.getName()) + ": " + Config.binder().writeValueAsString(field.get(defaults)));
            }
        }
        out.flush();
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
