package dev.mlproj.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small XML element tree, serialised with two-space indentation. Text comes from repositories we do
 * not control, so everything is escaped and characters XML 1.0 cannot carry become U+FFFD.
 */
final class Xml {

    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Xml> children = new ArrayList<>();
    private String text;

    private Xml(String name) {
        this.name = name;
    }

    static Xml element(String name) {
        return new Xml(name);
    }

    Xml attr(String key, Object value) {
        attributes.put(key, String.valueOf(value));
        return this;
    }

    /** Adds a child element and returns it. */
    Xml child(String childName) {
        Xml child = new Xml(childName);
        children.add(child);
        return child;
    }

    /** Adds an element built on its own as the last child. */
    Xml adopt(Xml child) {
        children.add(child);
        return this;
    }

    /** Sets the text content; null for none. */
    Xml text(String content) {
        this.text = content;
        return this;
    }

    /** The whole document, with its declaration. */
    String document() {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        write(out, 0);
        return out.toString();
    }

    private void write(StringBuilder out, int depth) {
        out.append("  ".repeat(depth)).append('<').append(name);
        attributes.forEach((k, v) -> out.append(' ').append(k).append("=\"").append(escape(v, true)).append('"'));
        if (children.isEmpty() && text == null) {
            out.append("/>\n");
            return;
        }
        out.append('>');
        if (text != null) {
            out.append(escape(text, false));
        }
        if (!children.isEmpty()) {
            out.append('\n');
            for (Xml child : children) {
                child.write(out, depth + 1);
            }
            out.append("  ".repeat(depth));
        }
        out.append("</").append(name).append(">\n");
    }

    static String escape(String s, boolean attribute) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
