package dev.mlproj.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Literal strings at least one of which must occur in any text a regular expression matches. Checking
 * them with {@link String#indexOf} first lets the scan skip the regex engine for almost every line, which
 * is how grep-like tools stay fast. A pattern we cannot reason about gets no prefilter and is always run.
 */
final class LiteralPrefilter {

    private static final int MIN_LITERAL = 3;

    private final List<String> literals;
    private final boolean caseInsensitive;

    private LiteralPrefilter(List<String> literals, boolean caseInsensitive) {
        this.literals = literals;
        this.caseInsensitive = caseInsensitive;
    }

    /** Null when no safe set of literals could be derived. */
    static LiteralPrefilter of(String regex) {
        boolean ci = false;
        String body = regex;
        if (body.startsWith("(?i)")) {
            ci = true;
            body = body.substring(4);
        }
        if (body.contains("(?")) {
            return null;
        }
        List<String> alternatives = splitTopLevel(body);
        if (alternatives == null) {
            return null;
        }
        List<String> literals = new ArrayList<>();
        for (String alternative : alternatives) {
            String longest = longestRequiredLiteral(alternative);
            if (longest == null || longest.length() < MIN_LITERAL) {
                return null;
            }
            literals.add(ci ? longest.toLowerCase(Locale.ROOT) : longest);
        }
        return new LiteralPrefilter(List.copyOf(literals), ci);
    }

    boolean caseInsensitive() {
        return caseInsensitive;
    }

    /** @param text the text, already lower-cased when this prefilter is case-insensitive */
    boolean mayMatch(String text) {
        for (String literal : literals) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** Splits on '|' outside groups and classes; null on unbalanced input. */
    private static List<String> splitTopLevel(String regex) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0 || inClass) {
            return null;
        }
        parts.add(regex.substring(start));
        return parts;
    }

    /**
     * The longest run of plain characters outside any group or class that the alternative cannot match
     * without. A character followed by an optional quantifier is not required.
     */
    private static String longestRequiredLiteral(String alternative) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < alternative.length(); i++) {
            char c = alternative.charAt(i);
            if (inClass) {
                if (c == '\\') {
                    i++;
                } else if (c == ']') {
                    inClass = false;
                }
                continue;
            }
            if (c == '\\' && i + 1 < alternative.length()) {
                char next = alternative.charAt(++i);
                if (depth == 0 && "\\.()[]{}*+?|^$/-_ '\"#:=<>@!,;&%~`".indexOf(next) >= 0) {
                    run.append(next);
                    if (isOptionalNext(alternative, i + 1)) {
                        run.setLength(run.length() - 1);
                        best = longer(best, run);
                        run.setLength(0);
                    }
                } else {
                    best = longer(best, run);
                    run.setLength(0);
                }
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    best = longer(best, run);
                    run.setLength(0);
                }
                case '(' -> {
                    depth++;
                    best = longer(best, run);
                    run.setLength(0);
                }
                case ')' -> depth--;
                case '.', '^', '$', '+' -> {
                    best = longer(best, run);
                    run.setLength(0);
                }
                case '*', '?', '{' -> {
                    if (run.length() > 0) {
                        run.setLength(run.length() - 1);
                    }
                    best = longer(best, run);
                    run.setLength(0);
                    if (c == '{') {
                        int close = alternative.indexOf('}', i);
                        i = close < 0 ? alternative.length() : close;
                    }
                }
                default -> {
                    if (depth == 0) {
                        run.append(c);
                    }
                }
            }
        }
        return longer(best, run);
    }

    private static boolean isOptionalNext(String s, int i) {
        return i < s.length() && (s.charAt(i) == '?' || s.charAt(i) == '*' || s.charAt(i) == '{');
    }

    private static String longer(String best, CharSequence run) {
        return run.length() > best.length() ? run.toString() : best;
    }
}
