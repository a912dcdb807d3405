package dev.mlproj.batch;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CSV document read with Commons CSV that remembers where each record and field starts, so that
 * every message about it can name file:line:col. Empty lines are skipped; a UTF-8 byte-order mark
 * (spreadsheets write one) is dropped.
 */
final class CsvText {

    /** 1-based line and column. */
    record Position(int line, int column) {
        static final Position START = new Position(1, 1);
    }

    /** One record: its values as written (not trimmed) and where it starts in the text. */
    record Record(List<String> values, int offset) {
        String value(int index) {
            return index < values.size() ? values.get(index) : "";
        }
    }

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
    private static final Pattern CSV_LINE = Pattern.compile("line:? (\\d+)");

    private final String display;
    private final String text;
    private final int[] lineStarts;
    private final List<Record> records;

    private CsvText(String display, String text, List<Record> records) {
        this.display = display;
        this.text = text;
        this.lineStarts = lineStarts(text);
        this.records = records;
    }

    static CsvText parse(String display, String content) throws BatchInputException {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        List<Record> records = new ArrayList<>();
        CSVParser parser = null;
        try {
            parser = CSVParser.parse(text, FORMAT);
            for (CSVRecord r : parser) {
                records.add(new Record(List.of(r.values()), (int) r.getCharacterPosition()));
            }
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            String message = String.valueOf(cause.getMessage());
            Matcher m = CSV_LINE.matcher(message);
            int line = m.find() ? Integer.parseInt(m.group(1)) : parser == null ? 1 : (int) parser.getCurrentLineNumber() + 1;
            throw new BatchInputException(display, new Position(line, 1), "malformed CSV: "
                    + message.replaceFirst("^\\(startline \\d+\\) ", "").replaceFirst(" at line: \\d+, position: \\d+$", ""));
        } finally {
            closeQuietly(parser);
        }
        return new CsvText(display, text, records);
    }

    private static void closeQuietly(CSVParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // parsing a string: nothing to release
            }
        }
    }

    String display() {
        return display;
    }

    List<Record> records() {
        return records;
    }

    BatchInputException error(Position at, String message) {
        return new BatchInputException(display, at, message);
    }

    /** Where field {@code index} of the record starts (past its last field: where the record ends). */
    Position field(Record record, int index) {
        int pos = record.offset();
        // Commons CSV counts the skipped empty lines before a record as part of it.
        while (pos < text.length() && (text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
            pos++;
        }
        int field = 0;
        boolean quoted = false;
        while (field < index && pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                quoted = !quoted; // a doubled quote inside a quoted field toggles twice
            } else if (!quoted && c == ',') {
                field++;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            }
            pos++;
        }
        return at(pos);
    }

    private Position at(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        int line = i >= 0 ? i : -i - 2;
        return new Position(line + 1, offset - lineStarts[line] + 1);
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
