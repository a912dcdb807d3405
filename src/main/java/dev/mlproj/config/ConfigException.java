package dev.mlproj.config;

/** A rubric or configuration file is invalid; the message starts with "file:line:col:". */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String file, YamlNode.Location at, String message) {
        super(file + ":" + (at == null ? "1:1" : at.line() + ":" + at.column()) + ": " + message);
    }

    public ConfigException(String message) {
        super(message);
    }
}
