package dev.mlproj.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Strict, positioned access to the keys of one YAML mapping. Every key must be consumed: {@link #done()}
 * rejects any the schema does not know, naming where it was written and what was expected.
 */
public final class Fields {

    private final String file;
    private final YamlNode.Mapping mapping;
    private final String what;
    private final Set<String> known = new LinkedHashSet<>();

    public Fields(String file, YamlNode node, String what) throws ConfigException {
        this.file = file;
        this.what = what;
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new ConfigException(file, node.at(), what + " must be a mapping, not " + node.describe());
        }
        this.mapping = m;
    }

    public YamlNode.Location at() {
        return mapping.at();
    }

    public String file() {
        return file;
    }

    public boolean has(String key) {
        known.add(key);
        return mapping.entries().containsKey(key);
    }

    public YamlNode node(String key) {
        known.add(key);
        YamlNode.Mapping.Entry e = mapping.entries().get(key);
        return e == null ? null : e.value();
    }

    public YamlNode require(String key) throws ConfigException {
        YamlNode node = node(key);
        if (node == null || isNull(node)) {
            throw new ConfigException(file, mapping.at(), what + " is missing required key '" + key + "'");
        }
        return node;
    }

    public String string(String key) throws ConfigException {
        return asString(require(key), key);
    }

    public String optionalString(String key) throws ConfigException {
        YamlNode node = node(key);
        return node == null || isNull(node) ? null : asString(node, key);
    }

    public int integer(String key, int min, int max) throws ConfigException {
        return asInteger(require(key), key, min, max);
    }

    public int optionalInteger(String key, int fallback, int min, int max) throws ConfigException {
        YamlNode node = node(key);
        return node == null || isNull(node) ? fallback : asInteger(node, key, min, max);
    }

    public double number(String key, double min, double max) throws ConfigException {
        YamlNode node = require(key);
        if (node instanceof YamlNode.Scalar s && (s.type() == YamlNode.Scalar.Type.INTEGER || s.type() == YamlNode.Scalar.Type.FLOAT)) {
            double value = Double.parseDouble(s.text());
            if (value < min || value > max) {
                throw new ConfigException(file, node.at(), "'" + key + "' must be between " + min + " and " + max + ", not " + s.text());
            }
            return value;
        }
        throw new ConfigException(file, node.at(), "'" + key + "' must be a number, not " + node.describe());
    }

    /** A true/false value; {@code fallback} when the key is absent. */
    public boolean optionalBoolean(String key, boolean fallback) throws ConfigException {
        YamlNode node = node(key);
        if (node == null) {
            return fallback;
        }
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.BOOLEAN) {
            return Boolean.parseBoolean(s.text());
        }
        throw new ConfigException(file, node.at(), "'" + key + "' must be true or false, not " + node.describe());
    }

    public List<String> stringList(String key) throws ConfigException {
        YamlNode node = node(key);
        if (node == null || isNull(node)) {
            return List.of();
        }
        return asStringList(node, key);
    }

    public List<String> asStringList(YamlNode node, String key) throws ConfigException {
        if (node instanceof YamlNode.Scalar) {
            return List.of(asString(node, key));
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            throw new ConfigException(file, node.at(), "'" + key + "' must be a list of strings, not " + node.describe());
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            out.add(asString(item, key));
        }
        return out;
    }

    public String asString(YamlNode node, String key) throws ConfigException {
        if (node instanceof YamlNode.Scalar s && s.type() != YamlNode.Scalar.Type.NULL) {
            if (s.type() != YamlNode.Scalar.Type.STRING) {
                throw new ConfigException(file, node.at(), "'" + key + "' must be a string, not " + node.describe() + " (quote it)");
            }
            return s.text();
        }
        throw new ConfigException(file, node.at(), "'" + key + "' must be a string, not " + node.describe());
    }

    public int asInteger(YamlNode node, String key, int min, int max) throws ConfigException {
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.INTEGER) {
            long value;
            try {
                value = Long.parseLong(s.text());
            } catch (NumberFormatException e) {
                throw new ConfigException(file, node.at(), "'" + key + "' is out of range: " + s.text());
            }
            if (value < min || value > max) {
                throw new ConfigException(file, node.at(), "'" + key + "' must be between " + min + " and " + max + ", not " + s.text());
            }
            return (int) value;
        }
        throw new ConfigException(file, node.at(), "'" + key + "' must be an integer, not " + node.describe());
    }

    /** Rejects keys the schema does not know. */
    public void done() throws ConfigException {
        for (var entry : mapping.entries().entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw new ConfigException(file, entry.getValue().keyAt(), "unknown key '" + entry.getKey() + "' in " + what
                        + " (expected one of: " + String.join(", ", known) + ")");
            }
        }
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.NULL;
    }
}
