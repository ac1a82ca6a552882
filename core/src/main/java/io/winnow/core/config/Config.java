package io.winnow.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration tree loaded from YAML, with {@code --set key=value} overrides applied on top,
 * bound to typed settings classes. Keys are snake_case in YAML and camelCase in Java; unknown keys
 * and wrong types are errors that name the key and where it came from.
 */
public final class Config {
    private static final YAMLMapper YAML = YAMLMapper.builder(new YAMLFactory()).build();
    private static final ObjectMapper BINDER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();
    private static final Pattern SET = Pattern.compile("([A-Za-z0-9_.\\[\\]-]+)=(.*)", Pattern.DOTALL);

    private final ObjectNode root;
    private final String source;
    private final List<String> overridden = new ArrayList<>();

    private Config(ObjectNode root, String source) {
        this.root = root;
        this.source = source;
    }

    /** An empty configuration (all defaults). */
    public static Config empty(String source) {
        return new Config(JsonNodeFactory.instance.objectNode(), source);
    }

    /** Loads a YAML file whose top level is a mapping. */
    public static Config load(Path file) {
        String src = file.toString();
        JsonNode n;
        try {
            n = YAML.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(src, null, "file not found");
        } catch (JsonProcessingException e) {
            throw new ConfigException(src, null, "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException(src, null, "cannot read: " + e.getMessage());
        }
        if (n == null || n.isMissingNode() || n.isNull()) return empty(src);
        if (!n.isObject()) throw new ConfigException(src, null, "the top level must be a mapping of keys to values");
        return new Config((ObjectNode) n, src);
    }

    /** Wraps a subtree (e.g. one stage of a pipeline file) keeping the source name for errors. */
    public static Config of(JsonNode node, String source) {
        if (node == null || node.isNull() || node.isMissingNode()) return empty(source);
        if (!node.isObject()) throw new ConfigException(source, null, "expected a mapping of keys to values");
        return new Config(((ObjectNode) node).deepCopy(), source);
    }

    public ObjectNode tree() { return root; }

    public String source() { return source; }

    /**
     * Applies {@code key=value} overrides. Keys are dotted paths ({@code a.b.c}, list items as
     * {@code steps[0].min_chars} or {@code steps.0.min_chars}); values are read as YAML scalars or
     * flow collections ({@code 12}, {@code true}, {@code [en, zh]}).
     */
    public Config set(List<String> assignments) {
        for (String a : assignments) {
            Matcher m = SET.matcher(a);
            if (!m.matches()) throw new ConfigException("--set " + a, null, "expected key=value");
            String key = m.group(1);
            JsonNode value;
            try {
                value = m.group(2).isEmpty() ? JsonNodeFactory.instance.textNode("") : YAML.readTree(m.group(2));
            } catch (JsonProcessingException e) {
                throw new ConfigException("--set " + key, key, "value is not valid YAML: " + e.getOriginalMessage());
            }
            put(key, value == null ? JsonNodeFactory.instance.nullNode() : value);
            overridden.add(normalize(key));
        }
        return this;
    }

    private void put(String key, JsonNode value) {
        List<String> parts = splitKey(key);
        JsonNode cur = root;
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            boolean last = i == parts.size() - 1;
            if (cur instanceof ObjectNode o) {
                if (last) {
                    o.set(p, value);
                } else {
                    JsonNode next = o.get(p);
                    if (next == null || next.isNull()) {
                        next = isIndex(parts.get(i + 1)) ? o.putArray(p) : o.putObject(p);
                    }
                    cur = next;
                }
            } else if (cur instanceof ArrayNode arr) {
                if (!isIndex(p)) throw new ConfigException("--set " + key, key, "'" + p + "' is not a list index");
                int idx = Integer.parseInt(p);
                if (idx > arr.size()) {
                    throw new ConfigException("--set " + key, key, "index " + idx + " is past the end of a list of " + arr.size());
                }
                if (last) {
                    if (idx == arr.size()) arr.add(value); else arr.set(idx, value);
                } else {
                    if (idx == arr.size()) arr.add(isIndex(parts.get(i + 1)) ? arr.arrayNode() : arr.objectNode());
                    cur = arr.get(idx);
                }
            } else {
                throw new ConfigException("--set " + key, key, "cannot set a key inside a value of type " + cur.getNodeType());
            }
        }
    }

    private static boolean isIndex(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static List<String> splitKey(String key) {
        List<String> parts = new ArrayList<>();
        for (String p : key.replace("[", ".").replace("]", "").split("\\.")) {
            if (!p.isEmpty()) parts.add(p);
        }
        return parts;
    }

    private static String normalize(String key) {
        return String.join(".", splitKey(key));
    }

    /** Binds the whole tree to {@code type}. */
    public <T> T bind(Class<T> type) {
        return bind(root, "", type);
    }

    /**
     * Binds a subtree to {@code type}; {@code path} is the subtree's key path in this config, used
     * in error messages ({@code stages[1].config}).
     */
    public <T> T bind(JsonNode node, String path, Class<T> type) {
        try {
            T value = BINDER.treeToValue(node == null ? JsonNodeFactory.instance.objectNode() : node, type);
            if (value instanceof Validatable v) {
                try {
                    v.validate();
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(sourceFor(path), path, e.getMessage());
                }
            }
            return value;
        } catch (JsonMappingException e) {
            String key = join(path, pathOf(e));
            throw new ConfigException(sourceFor(key), key, describe(e));
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, path, e.getOriginalMessage());
        }
    }

    /** Where a key's value came from: this file, or --set when it was overridden. */
    public String sourceFor(String key) {
        String k = normalize(key == null ? "" : key);
        for (String o : overridden) {
            if (k.equals(o) || k.startsWith(o + ".") || o.startsWith(k + ".") && !k.isEmpty()) return "--set " + o;
        }
        return source;
    }

    private static String join(String prefix, String rest) {
        if (prefix == null || prefix.isEmpty()) return rest;
        if (rest.isEmpty()) return prefix;
        return rest.startsWith("[") ? prefix + rest : prefix + "." + rest;
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            if (u.getKnownPropertyIds() != null) u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            known.sort(null);
            return "unknown key" + (known.isEmpty() ? "" : " (known keys: " + String.join(", ", known) + ")");
        }
        if (e instanceof InvalidFormatException f) {
            return "wrong type: expected " + typeName(f.getTargetType()) + ", got '" + f.getValue() + "'";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "wrong type: expected " + typeName(m.getTargetType());
        }
        Throwable c = e.getCause();
        if (c instanceof IllegalArgumentException) return c.getMessage();
        return e.getOriginalMessage();
    }

    private static String typeName(Class<?> t) {
        if (t == null) return "a different type";
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) return "an integer";
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) return "a number";
        if (t == boolean.class || t == Boolean.class) return "true or false";
        if (t == String.class) return "a string";
        if (List.class.isAssignableFrom(t)) return "a list";
        if (t.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : t.getEnumConstants()) names.add(c.toString().toLowerCase());
            return "one of " + names;
        }
        return "a mapping (" + t.getSimpleName() + ")";
    }

    /** Settings classes that check their values after binding; throw IllegalArgumentException naming the key. */
    public interface Validatable {
        void validate();
    }

    /** The mapper used for settings (snake_case, strict); for writing settings back out in stats. */
    public static ObjectMapper binder() {
        return BINDER;
    }
}
