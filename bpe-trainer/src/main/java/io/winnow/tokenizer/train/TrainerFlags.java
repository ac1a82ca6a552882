package io.winnow.tokenizer.train;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Sets {@link TrainerOptions} from spm_train-style {@code name=value} flags (snake_case names). */
public final class TrainerFlags {
    private TrainerFlags() {}

    public static TrainerOptions parse(String... flags) {
        TrainerOptions o = new TrainerOptions();
        for (String f : flags) apply(o, f);
        return o;
    }

    /** Applies one {@code name=value}; list flags take comma-separated values. */
    public static void apply(TrainerOptions o, String flag) {
        int eq = flag.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("expected name=value, got '" + flag + "'");
        apply(o, flag.substring(0, eq).replaceFirst("^--", ""), flag.substring(eq + 1));
    }

    /** Applies flag {@code name} (snake_case, without "--") with {@code value}. */
    public static void apply(TrainerOptions o, String name, String value) {
        Field f = field(name);
        try {
            Class<?> t = f.getType();
            if (t == String.class) f.set(o, value);
            else if (t == int.class) f.setInt(o, Integer.parseInt(value.trim()));
            else if (t == long.class) f.setLong(o, Long.parseLong(value.trim()));
            else if (t == float.class) f.setFloat(o, Float.parseFloat(value.trim()));
            else if (t == boolean.class) f.setBoolean(o, parseBool(name, value));
            else if (t == List.class) f.set(o, value.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(value.split(","))));
            else throw new IllegalStateException("unsupported option type " + t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": not a number: '" + value + "'");
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether flag {@code name} (snake_case) is a boolean; false for names that are no flag. */
    public static boolean isBoolean(String name) {
        try {
            return field(name).getType() == boolean.class;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean parseBool(String name, String v) {
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on", "" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("--" + name + ": not a boolean: '" + v + "'");
        };
    }

    static Field field(String snake) {
        StringBuilder camel = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') up = true;
            else {
                camel.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        try {
            Field f = TrainerOptions.class.getField(camel.toString());
            if (Modifier.isStatic(f.getModifiers())) throw new NoSuchFieldException();
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException("unknown flag --" + snake);
        }
    }
}
