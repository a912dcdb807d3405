package dev.mlproj.scaffold;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import dev.mlproj.config.ConfigException;
import dev.mlproj.config.YamlNode;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders Mustache text with a fixed set of variables. Generated files are code, not HTML, so values are
 * written unescaped. Before rendering, every tag is checked: an unknown variable, a partial or a
 * delimiter change is an error with its line and column, because Mustache itself would silently render
 * an unknown name as nothing.
 */
final class TemplateRenderer {

    private static final Pattern TAG = Pattern.compile("\\{\\{(\\{?)\\s*([#^/!>=&]?)\\s*(.*?)\\s*\\}?\\}\\}", Pattern.DOTALL);

    private final Map<String, Object> variables;
    /** Top-level names and the keys of maps inside list values (what a {{#section}} may name). */
    private final java.util.Set<String> known = new TreeSet<>();
    private final DefaultMustacheFactory factory = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    TemplateRenderer(Map<String, Object> variables) {
        this.variables = Map.copyOf(variables);
        collect(this.variables);
    }

    private void collect(Map<?, ?> map) {
        for (var e : map.entrySet()) {
            known.add(String.valueOf(e.getKey()));
            if (e.getValue() instanceof java.util.List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> m) {
                        collect(m);
                    }
                }
            }
        }
    }

    Map<String, Object> variables() {
        return variables;
    }

    /** @param source the template's path, for messages */
    String render(String source, String text) throws ConfigException {
        if (!text.contains("{{")) {
            return text; // nothing to render: a third of the .mustache files and most paths
        }
        check(source, text);
        Mustache mustache;
        try {
            mustache = factory.compile(new StringReader(text), source);
        } catch (MustacheException e) {
            throw new ConfigException(source + ": " + firstLine(e.getMessage()));
        }
        StringWriter out = new StringWriter(text.length() + 256);
        try {
            mustache.execute(out, variables);
        } catch (MustacheException e) {
            throw new ConfigException(source + ": " + firstLine(e.getMessage()));
        }
        return out.toString();
    }

    private void check(String source, String text) throws ConfigException {
        Matcher m = TAG.matcher(text);
        while (m.find()) {
            String kind = m.group(2);
            String name = m.group(3);
            if (kind.equals("!")) {
                continue;
            }
            YamlNode.Location at = locate(text, m.start());
            if (kind.equals(">") || kind.equals("=")) {
                throw new ConfigException(source, at, "partials and delimiter changes are not supported in templates");
            }
            if (!known.contains(name)) {
                throw new ConfigException(source, at, "unknown template variable '" + name + "' (known: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    private static YamlNode.Location locate(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new YamlNode.Location(line, offset - lineStart + 1);
    }

    private static String firstLine(String message) {
        return message == null ? "template error" : message.lines().findFirst().orElse("template error");
    }
}
