package dev.mlproj.report;

import dev.mlproj.io.SafeFiles;
import dev.mlproj.assess.Baseline;
import dev.mlproj.config.ConfigException;
import dev.mlproj.config.YamlNode;
import dev.mlproj.config.YamlReader;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads an earlier {@code assess --format json} report back as a {@link Baseline}. JSON is read through the
 * positioned YAML reader (JSON is YAML), so a malformed report is named by file, line and column.
 */
public final class BaselineReader {

    private BaselineReader() {
    }

    /** The file is missing or unreadable (exit 3), as opposed to present but not a report (exit 2). */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    public static Baseline read(Path file) throws ConfigException, Unreadable {
        String text;
        try {
            text = SafeFiles.readUtf8(file, YamlReader.MAX_BYTES, SafeFiles.Links.FOLLOW);
        } catch (NoSuchFileException e) {
            // Like a missing --rubric: the flag names nothing, a usage error.
            throw new ConfigException(file + ": no such file");
        } catch (SafeFiles.Refused e) {
            throw new ConfigException(file + ":1:1: " + e.reason());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(file + ":1:1: not valid UTF-8 text");
        } catch (IOException e) {
            throw new Unreadable(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return parse(file.toString(), text);
    }

    public static Baseline parse(String file, String text) throws ConfigException {
        YamlNode root = new YamlReader().read(file, text);
        if (!(root instanceof YamlNode.Mapping top) || !(value(top, "schemaVersion") instanceof YamlNode.Scalar version)
                || version.text() == null || !version.text().startsWith("1.")) {
            throw new ConfigException(file, root.at(), "not an mlproj JSON report (schemaVersion 1.x expected);"
                    + " make one with: mlproj assess --format json --output FILE");
        }
        YamlNode level = value(top, "level");
        int levelValue = level instanceof YamlNode.Scalar l && l.type() == YamlNode.Scalar.Type.INTEGER && l.text().matches("[0-5]")
                ? Integer.parseInt(l.text()) : -1;
        if (levelValue < 0) {
            throw new ConfigException(file, level == null ? top.at() : level.at(), "'level' must be an integer from 0 to 5");
        }
        YamlNode criteria = value(top, "criteria");
        if (!(criteria instanceof YamlNode.Sequence list)) {
            throw new ConfigException(file, criteria == null ? top.at() : criteria.at(), "'criteria' must be a list");
        }
        Set<String> met = new HashSet<>();
        for (YamlNode item : list.items()) {
            YamlNode id = item instanceof YamlNode.Mapping m ? value(m, "id") : null;
            YamlNode outcome = item instanceof YamlNode.Mapping m ? value(m, "outcome") : null;
            if (!(id instanceof YamlNode.Scalar i) || i.type() != YamlNode.Scalar.Type.STRING
                    || !(outcome instanceof YamlNode.Scalar o) || o.type() != YamlNode.Scalar.Type.STRING) {
                throw new ConfigException(file, item.at(), "a criterion needs string 'id' and 'outcome'");
            }
            if (o.text().equals("met")) {
                met.add(i.text());
            }
        }
        return new Baseline(file, levelValue, met);
    }

    private static YamlNode value(YamlNode.Mapping mapping, String key) {
        YamlNode.Mapping.Entry e = mapping.entries().get(key);
        return e == null ? null : e.value();
    }
}
