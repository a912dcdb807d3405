package dev.mlproj.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * Python source reduced to what executes: comments removed, and the contents of triple-quoted strings
 * (docstrings, long prompts) blanked, so that a keyword in a comment or docstring never counts as code.
 * Single-line string literals are kept, since route paths and config names live in them.
 * Line numbers are preserved: line i of {@link #lines()} is line i of the source (or of {@link #lineNumbers()}).
 */
public final class PythonCode {

    private final String text;
    private final List<String> lines;
    private final int[] lineNumbers;

    private PythonCode(String text, List<String> lines, int[] lineNumbers) {
        this.text = text;
        this.lines = lines;
        this.lineNumbers = lineNumbers;
    }

    public static PythonCode of(String source) {
        String stripped = strip(source);
        List<String> lines = List.of(stripped.split("\n", -1));
        int[] numbers = new int[lines.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = i + 1;
        }
        return new PythonCode(stripped, lines, numbers);
    }

    /** Code whose lines come from several places (notebook cells): each line carries its own file line. */
    public static PythonCode of(List<String> sourceLines, int[] fileLineNumbers) {
        String stripped = strip(String.join("\n", sourceLines));
        List<String> lines = List.of(stripped.split("\n", -1));
        int[] numbers = new int[lines.size()];
        // A notebook without code cells gives no lines at all, yet splitting "" still yields one empty line.
        int last = fileLineNumbers.length == 0 ? 0 : fileLineNumbers[fileLineNumbers.length - 1];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = i < fileLineNumbers.length ? fileLineNumbers[i] : last;
        }
        return new PythonCode(stripped, lines, numbers);
    }

    public List<String> lines() {
        return lines;
    }

    /** The stripped code as one text, its lines separated by '\n': what literal prefilters scan in one pass. */
    public String text() {
        return text;
    }

    /** The file line of code line {@code index} (0-based index). */
    public int lineNumber(int index) {
        return lineNumbers[index];
    }

    public boolean isBlank() {
        for (String line : lines) {
            if (!line.isBlank()) {
                return false;
            }
        }
        return true;
    }

    static String strip(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '#') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'') {
                boolean triple = i + 2 < n && src.charAt(i + 1) == c && src.charAt(i + 2) == c;
                if (triple) {
                    i = skipTriple(src, i, c, out);
                } else {
                    i = copySingle(src, i, c, out);
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Blanks a triple-quoted string, keeping its newlines; returns the index after it. */
    private static int skipTriple(String src, int start, char quote, StringBuilder out) {
        int n = src.length();
        out.append("\"\"");
        int i = start + 3;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\\') {
                if (i + 1 < n && src.charAt(i + 1) == '\n') {
                    out.append('\n');
                }
                i += 2;
            } else if (c == quote && i + 2 < n && src.charAt(i + 1) == quote && src.charAt(i + 2) == quote) {
                return i + 3;
            } else {
                if (c == '\n') {
                    out.append('\n');
                }
                i++;
            }
        }
        return n;
    }

    /** Copies a one-line string literal verbatim; an unterminated one ends at the line end. */
    private static int copySingle(String src, int start, char quote, StringBuilder out) {
        int n = src.length();
        out.append(quote);
        int i = start + 1;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\\' && i + 1 < n && src.charAt(i + 1) != '\n') {
                out.append(c).append(src.charAt(i + 1));
                i += 2;
            } else if (c == quote) {
                out.append(c);
                return i + 1;
            } else if (c == '\n') {
                return i;
            } else {
                out.append(c);
                i++;
            }
        }
        return n;
    }

    /** Indentation width of a line (tabs count as 4). */
    static int indent(String line) {
        int width = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                width++;
            } else if (c == '\t') {
                width += 4;
            } else {
                break;
            }
        }
        return width;
    }

    /** Indices of the lines forming the indented body of the block opened at {@code header}. */
    List<Integer> bodyOf(int header) {
        List<Integer> body = new ArrayList<>();
        int base = indent(lines.get(header));
        int i = header + 1;
        // Skip continuation lines of a multi-line signature until the line ending with ':'.
        if (!lines.get(header).stripTrailing().endsWith(":")) {
            while (i < lines.size() && !lines.get(i - 1).stripTrailing().endsWith(":")) {
                i++;
            }
        }
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            if (indent(line) <= base) {
                break;
            }
            body.add(i);
        }
        return body;
    }
}
