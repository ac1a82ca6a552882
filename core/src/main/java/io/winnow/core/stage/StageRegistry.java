package io.winnow.core.stage;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Stage kinds on the classpath, by name. */
public final class StageRegistry {
    private final Map<String, StageProvider> providers = new TreeMap<>();

    public static StageRegistry load() {
        StageRegistry r = new StageRegistry();
        for (StageProvider p : ServiceLoader.load(StageProvider.class)) r.providers.put(p.name(), p);
        return r;
    }

    public Optional<StageProvider> find(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    public Map<String, StageProvider> all() { return providers; }
}
