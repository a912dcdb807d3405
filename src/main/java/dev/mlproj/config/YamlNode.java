package dev.mlproj.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML tree that remembers where each node was written, so that every configuration error can name
 * its file, line and column. Jackson's own trees forget positions.
 */
public sealed interface YamlNode {

    /** 1-based line and column. */
    record Location(int line, int column) { }

    Location at();

    /** A short word for error messages: "a mapping", "a list", "a string". */
    String describe();

    record Scalar(Location at, String text, Type type) implements YamlNode {
        public enum Type { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

        @Override
        public String describe() {
            return switch (type) {
                case STRING -> "a string";
                case INTEGER -> "an integer";
                case FLOAT -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "null";
            };
        }
    }

    record Sequence(Location at, List<YamlNode> items) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A mapping whose entries keep insertion order; each entry keeps the key's own position. */
    record Mapping(Location at, Map<String, Entry> entries) implements YamlNode {
        public record Entry(Location keyAt, YamlNode value) { }

        public Mapping {
            entries = new LinkedHashMap<>(entries);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }
}
