package dev.mlproj.scan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The code cells of a Jupyter notebook, each source line with the line of the .ipynb file it sits on,
 * read with a streaming parser so that large embedded outputs (images) are skipped, not held.
 */
record Notebook(List<String> codeLines, int[] fileLines, int codeCells, int markdownCells, boolean hasOutputs) {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    /** Thrown for a notebook that is not valid JSON or not shaped like nbformat. */
    static final class InvalidNotebookException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidNotebookException(String message) {
            super(message);
        }
    }

    static Notebook parse(String json) throws InvalidNotebookException {
        return parse(() -> JSON.createParser(json));
    }

    /**
     * The notebook in its file's bytes, which Jackson's byte parser reads several times faster than a decoded
     * String (notebooks are the bulk of many repositories' text). A file that does not parse as UTF-8 JSON is
     * read again from its decoded text, bad bytes replaced as in every other file, so the verdict, and the
     * message for a broken notebook, are the text's.
     */
    static Notebook parse(byte[] utf8, String decoded) throws InvalidNotebookException {
        try {
            return parse(() -> JSON.createParser(utf8));
        } catch (InvalidNotebookException e) {
            return parse(decoded);
        }
    }

    /** Where the JSON comes from. */
    private interface Source {
        JsonParser open() throws IOException;
    }

    private static Notebook parse(Source source) throws InvalidNotebookException {
        try (JsonParser p = source.open()) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidNotebookException("line 1: a notebook must be a JSON object");
            }
            List<String> lines = new ArrayList<>();
            List<Integer> lineNumbers = new ArrayList<>();
            int[] counts = new int[2];
            boolean outputs = false;
            boolean sawCells = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("cells") && value == JsonToken.START_ARRAY) {
                    sawCells = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        outputs |= readCell(p, lines, lineNumbers, counts);
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        // {"cells":[[ ... was taken for a notebook with no cells
                        throw new InvalidNotebookException(at(p) + ": a cell must be a JSON object, not " + describe(p.currentToken()));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new InvalidNotebookException(at(p) + ": expected a field name or the end of the notebook, not "
                        + describe(p.currentToken()));
            }
            if (!sawCells) {
                throw new InvalidNotebookException("line 1: no \"cells\" array (not an nbformat 4 notebook)");
            }
            int[] fileLines = lineNumbers.stream().mapToInt(Integer::intValue).toArray();
            return new Notebook(lines, fileLines, counts[0], counts[1], outputs);
        } catch (JsonParseException e) {
            throw new InvalidNotebookException("line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidNotebookException(e.getMessage());
        }
    }

    /** The lines of a source string: split at "\n", "\r\n" and a lone "\r", with no regex (it runs per string). */
    private static List<String> lines(String text) {
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return List.of(text);
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private static String at(JsonParser p) {
        return "line " + p.currentTokenLocation().getLineNr() + ", column " + p.currentTokenLocation().getColumnNr();
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file (truncated)";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    /** Reads one cell object; appends code lines; returns whether it carries outputs. */
    private static boolean readCell(JsonParser p, List<String> lines, List<Integer> lineNumbers, int[] counts) throws IOException {
        String type = null;
        List<String> source = new ArrayList<>();
        List<Integer> sourceLines = new ArrayList<>();
        boolean outputs = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("cell_type") && value == JsonToken.VALUE_STRING) {
                type = p.getText();
            } else if (field.equals("source")) {
                readSource(p, value, source, sourceLines);
            } else if (field.equals("outputs") && value == JsonToken.START_ARRAY) {
                outputs = p.nextToken() != JsonToken.END_ARRAY;
                if (outputs) {
                    p.skipChildren();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        if ("code".equals(type)) {
            counts[0]++;
            for (int i = 0; i < source.size(); i++) {
                lines.add(source.get(i));
                lineNumbers.add(sourceLines.get(i));
            }
            lines.add("");
            lineNumbers.add(sourceLines.isEmpty() ? 0 : sourceLines.get(sourceLines.size() - 1));
        } else if ("markdown".equals(type)) {
            counts[1]++;
        }
        return outputs && "code".equals(type);
    }

    /** nbformat allows a source as one string or a list of strings; split either into lines. */
    private static void readSource(JsonParser p, JsonToken value, List<String> source, List<Integer> sourceLines) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            int line = p.currentLocation().getLineNr();
            for (String s : lines(p.getText())) {
                source.add(s.startsWith("%") || s.startsWith("!") ? "" : s);
                sourceLines.add(line);
            }
        } else if (value == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() == JsonToken.VALUE_STRING) {
                    int line = p.currentLocation().getLineNr();
                    String text = p.getText();
                    if (text.endsWith("\r\n")) {
                        text = text.substring(0, text.length() - 2);
                    } else if (text.endsWith("\n") || text.endsWith("\r")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    for (String s : lines(text)) {
                        // IPython magics and shell escapes are not Python.
                        source.add(s.startsWith("%") || s.startsWith("!") ? "" : s);
                        sourceLines.add(line);
                    }
                } else {
                    p.skipChildren();
                }
            }
        } else {
            p.skipChildren();
        }
    }
}
