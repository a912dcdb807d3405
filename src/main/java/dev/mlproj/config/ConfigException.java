package dev.mlproj.config;

/**
 * A rubric or configuration file is invalid; the message starts with "file:line:col:". Messages quote
 * what the file said (an unknown key, a bad id), and the file may be hostile, so a message is kept to
 * one line of at most {@value #MAX_MESSAGE} characters.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    static final int MAX_MESSAGE = 400;

    public ConfigException(String file, YamlNode.Location at, String message) {
        super(clip(file + ":" + (at == null ? "1:1" : at.line() + ":" + at.column()) + ": " + message));
    }

    public ConfigException(String message) {
        super(clip(message));
    }

    private static String clip(String message) {
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_MESSAGE));
        for (int i = 0; i < message.length() && out.length() < MAX_MESSAGE; i++) {
            char c = message.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (out.length() < message.length()) {
            out.setLength(MAX_MESSAGE - 3);
            out.append("...");
        }
        return out.toString();
    }
}
