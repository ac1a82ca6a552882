package io.winnow.core.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.winnow.core.config.Config;
import io.winnow.core.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every step type on the classpath, by name. */
public final class StepRegistry {
    private final Map<String, StepFactory<?>> factories = new TreeMap<>();

    private StepRegistry() {}

    @SuppressWarnings("rawtypes")
    public static StepRegistry load() {
        StepRegistry r = new StepRegistry();
        for (StepFactory f : ServiceLoader.load(StepFactory.class)) {
            StepFactory<?> prev = r.factories.put(f.type(), f);
            if (prev != null && prev.getClass() != f.getClass()) {
                throw new IllegalStateException("step type '" + f.type() + "' is registered twice: "
                        + prev.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        return r;
    }

    public Map<String, StepFactory<?>> factories() { return factories; }

    /** One configured step: type, name and bound settings; makes a fresh instance per shard. */
    public record StepSpec<P>(StepFactory<P> factory, String name, P params) {
        public Step newStep() { return factory.create(name, params); }
    }

    /**
     * Binds a list of step entries ({@code {type: text_length, name: optional, ...settings}}) at
     * {@code path} in {@code config}.
     */
    public List<StepSpec<?>> bind(Config config, JsonNode list, String path) {
        if (list == null || list.isNull() || list.isMissingNode()) {
            throw new ConfigException(config.sourceFor(path), path, "missing: list the steps to run");
        }
        if (!list.isArray()) throw new ConfigException(config.sourceFor(path), path, "must be a list of steps");
        List<StepSpec<?>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(bindOne(config, list.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private StepSpec<?> bindOne(Config config, JsonNode node, String path) {
        if (!node.isObject()) throw new ConfigException(config.sourceFor(path), path, "a step must be a mapping with a 'type'");
        ObjectNode spec = ((ObjectNode) node).deepCopy();
        JsonNode type = spec.remove("type");
        if (type == null || !type.isTextual()) {
            throw new ConfigException(config.sourceFor(path + ".type"), path + ".type", "missing step type (known: " + String.join(", ", factories.keySet()) + ")");
        }
        StepFactory<?> f = factories.get(type.asText());
        if (f == null) {
            throw new ConfigException(config.sourceFor(path + ".type"), path + ".type",
                    "unknown step type '" + type.asText() + "' (known: " + String.join(", ", factories.keySet()) + ")");
        }
        JsonNode name = spec.remove("name");
        if (name != null && !name.isTextual()) throw new ConfigException(config.sourceFor(path + ".name"), path + ".name", "must be a string");
        return spec(config, f, name == null ? f.type() : name.asText(), spec, path);
    }

    private static <P> StepSpec<P> spec(Config config, StepFactory<P> f, String name, JsonNode params, String path) {
        return new StepSpec<>(f, name, config.bind(params, path, f.paramsType()));
    }

    /** A new pipeline of fresh step instances. */
    public static Pipeline pipeline(List<StepSpec<?>> specs) {
        List<Step> steps = new ArrayList<>(specs.size());
        for (StepSpec<?> s : specs) steps.add(s.newStep());
        return new Pipeline(steps);
    }
}
