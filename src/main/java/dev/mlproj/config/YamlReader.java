package dev.mlproj.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into {@link YamlNode}s with positions. Loader limits bound what a hostile
 * file can cost: bounded size and nesting, and aliases refused (never expanded), so a billion-laughs
 * document costs no more than its own length.
 */
public final class YamlReader {

    public static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final int MAX_DEPTH = 64;

    private final YAMLFactory factory;

    public YamlReader() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with their position
        this.factory = YAMLFactory.builder().loaderOptions(options).build();
    }

    /** @param file the name used in error messages */
    public YamlNode read(String file, String text) throws ConfigException {
        if (text.length() > MAX_BYTES) {
            throw new ConfigException(file, new YamlNode.Location(1, 1),
                    "file is " + text.length() + " characters, over the " + MAX_BYTES + " limit");
        }
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigException(file, new YamlNode.Location(1, 1), "the file is empty");
            }
            YamlNode node = readValue(file, parser, 0);
            if (parser.nextToken() != null) {
                throw new ConfigException(file, at(parser.currentTokenLocation()), "only one YAML document is allowed");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String message = e.getOriginalMessage().lines().findFirst().orElse("syntax error");
            throw new ConfigException(file, loc == null ? null : at(loc), "YAML syntax error: " + message);
        } catch (IOException e) {
            throw new ConfigException(file + ": could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            // SnakeYAML reports loader-limit violations (alias bombs, size) as unchecked exceptions.
            throw new ConfigException(file, new YamlNode.Location(1, 1), "YAML refused: " + e.getMessage());
        }
    }

    private YamlNode readValue(String file, JsonParser p, int depth) throws IOException, ConfigException {
        YamlNode.Location at = at(p.currentTokenLocation());
        if (depth > MAX_DEPTH) {
            throw new ConfigException(file, at, "nesting deeper than " + MAX_DEPTH + " levels");
        }
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode.Mapping.Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    YamlNode.Location keyAt = at(p.currentTokenLocation());
                    if (entries.containsKey(key)) {
                        throw new ConfigException(file, keyAt, "duplicate key '" + key + "'");
                    }
                    p.nextToken();
                    entries.put(key, new YamlNode.Mapping.Entry(keyAt, readValue(file, p, depth + 1)));
                }
                return new YamlNode.Mapping(at, entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(file, p, depth + 1));
                }
                return new YamlNode.Sequence(at, items);
            }
            case VALUE_STRING -> {
                if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    // Jackson would hand the alias over as a string holding its name; say what it is instead.
                    throw new ConfigException(file, at, "aliases (*" + p.getText() + ") are not supported; write the value out");
                }
                return new YamlNode.Scalar(at, p.getText(), YamlNode.Scalar.Type.STRING);
            }
            case VALUE_NUMBER_INT -> {
                return new YamlNode.Scalar(at, p.getText(), YamlNode.Scalar.Type.INTEGER);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new YamlNode.Scalar(at, p.getText(), YamlNode.Scalar.Type.FLOAT);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode.Scalar(at, p.getText(), YamlNode.Scalar.Type.BOOLEAN);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(at, null, YamlNode.Scalar.Type.NULL);
            }
            default -> throw new ConfigException(file, at, "unsupported YAML value (" + token + ")");
        }
    }

    private static YamlNode.Location at(JsonLocation loc) {
        return new YamlNode.Location(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }
}
