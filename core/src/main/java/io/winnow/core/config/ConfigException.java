package io.winnow.core.config;

/** A configuration mistake: names the source (file or --set) and the key. */
public final class ConfigException extends RuntimeException {
    private final String source;
    private final String key;

    public ConfigException(String source, String key, String problem) {
        super(source + ": " + (key == null || key.isEmpty() ? "" : "key '" + key + "': ") + problem);
        this.source = source;
        this.key = key;
    }

    public String source() { return source; }

    public String key() { return key; }
}
