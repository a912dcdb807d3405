package dev.mlproj.batch;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The results CSV: one row per repository, in input order. Its columns are a contract
 * (docs/batch.md); {@link #read} accepts exactly what {@link #write} produces, for `batch merge`.
 */
public final class ResultsCsv {

    public static final List<String> HEADER = header();
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
    private static final String LIST_SEPARATOR = "; ";

    private ResultsCsv() {
    }

    private static List<String> header() {
        List<String> h = new ArrayList<>(List.of("name", "url", "rev", "input_row", "commit", "level", "level_name"));
        for (int level = 1; level <= BatchResult.LEVELS; level++) {
            h.add("progress_" + level);
        }
        h.add("focus");
        BatchResult.AREAS.forEach(area -> h.add("share_" + area));
        h.addAll(List.of("roles", "next", "scaffold_untouched", "error"));
        return List.copyOf(h);
    }

    public static String write(List<BatchResult> results) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(HEADER);
            for (BatchResult r : results) {
                printer.printRecord(fields(r));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }

    private static List<String> fields(BatchResult r) {
        List<String> f = new ArrayList<>(List.of(safe(r.name()), safe(r.url()), safe(r.rev()), String.valueOf(r.row()), safe(r.commit()),
                r.level() == null ? "" : String.valueOf(r.level()), safe(r.levelName())));
        for (int i = 0; i < BatchResult.LEVELS; i++) {
            f.add(fraction(i < r.progress().size() ? r.progress().get(i) : null));
        }
        f.add(safe(r.focus()));
        for (int i = 0; i < BatchResult.AREAS.size(); i++) {
            f.add(fraction(i < r.shares().size() ? r.shares().get(i) : null));
        }
        f.add(safe(String.join(LIST_SEPARATOR, r.roles())));
        f.add(safe(String.join(LIST_SEPARATOR, r.next())));
        f.add(r.untouched() == null ? "" : String.valueOf(r.untouched()));
        f.add(safe(r.error()));
        return f;
    }

    /**
     * A text cell a spreadsheet would take for a formula (=, +, -, @, tab or CR first) gets a leading
     * apostrophe, as in assess's own CSV: names, URLs and errors come from the cohort file and from the
     * repositories, and opening results.csv must not run anything. A cell that starts with an apostrophe
     * gets one more, so {@link #read} can take exactly one off and give back what was written.
     */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        return "=+-@\t\r'".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /** The inverse of {@link #safe}. */
    static String unsafe(String cell) {
        return cell.length() >= 2 && cell.charAt(0) == '\'' && "=+-@\t\r'".indexOf(cell.charAt(1)) >= 0 ? cell.substring(1) : cell;
    }

    private static String fraction(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    /** Reads a results CSV written by {@link #write}; anything else is rejected with file:line:col. */
    public static List<BatchResult> read(String display, String content) throws BatchInputException {
        return read(CsvText.parse(display, content));
    }

    /** The rows of a parsed results CSV, one per record after the header. */
    static List<BatchResult> read(CsvText csv) throws BatchInputException {
        if (csv.records().isEmpty()) {
            throw csv.error(CsvText.Position.START, "empty file: expected an mlproj batch results header");
        }
        CsvText.Record header = csv.records().get(0);
        for (int i = 0; i < Math.max(HEADER.size(), header.values().size()); i++) {
            String found = header.value(i).strip();
            String expected = i < HEADER.size() ? HEADER.get(i) : "";
            if (!found.equals(expected)) {
                throw csv.error(csv.field(header, i), (expected.isEmpty() ? "unexpected column '" + found + "'"
                        : "column " + (i + 1) + " is '" + found + "', expected '" + expected + "'")
                        + ": not an mlproj batch results file, or one from another version");
            }
        }
        List<BatchResult> rows = new ArrayList<>();
        for (CsvText.Record record : csv.records().subList(1, csv.records().size())) {
            rows.add(new Reader(csv, record).row());
        }
        return rows;
    }

    /** Parses one record, field by field, naming the column at fault. */
    private static final class Reader {
        private final CsvText csv;
        private final CsvText.Record record;

        Reader(CsvText csv, CsvText.Record record) {
            this.csv = csv;
            this.record = record;
        }

        BatchResult row() throws BatchInputException {
            if (record.values().size() != HEADER.size()) {
                throw csv.error(csv.field(record, 0), record.values().size() + " fields, expected " + HEADER.size());
            }
            String name = text("name");
            if (name.isEmpty()) {
                throw error("name", "empty name");
            }
            int row = integer("input_row", 1, Integer.MAX_VALUE);
            String error = text("error");
            Integer level = optionalInteger("level", 0, BatchResult.LEVELS);
            if (level == null && error.isEmpty()) {
                throw error("level", "a row needs a level or an error");
            }
            List<Double> progress = new ArrayList<>();
            List<Double> shares = new ArrayList<>();
            if (level != null) {
                for (int l = 1; l <= BatchResult.LEVELS; l++) {
                    progress.add(fraction("progress_" + l));
                }
                for (String area : BatchResult.AREAS) {
                    shares.add(fraction("share_" + area));
                }
            }
            return new BatchResult(row, name, text("url"), text("rev"), text("commit"), level, text("level_name"), progress,
                    text("focus"), shares, list("roles"), list("next"),
                    optionalInteger("scaffold_untouched", 0, Integer.MAX_VALUE), error);
        }

        private int column(String name) {
            return HEADER.indexOf(name);
        }

        private String text(String column) {
            return unsafe(record.value(column(column)));
        }

        private BatchInputException error(String column, String message) {
            return csv.error(csv.field(record, column(column)), "column '" + column + "': " + message);
        }

        private int integer(String column, int min, int max) throws BatchInputException {
            Integer value = optionalInteger(column, min, max);
            if (value == null) {
                throw error(column, "empty, expected a number");
            }
            return value;
        }

        private Integer optionalInteger(String column, int min, int max) throws BatchInputException {
            String text = text(column).strip();
            if (text.isEmpty()) {
                return null;
            }
            try {
                int value = Integer.parseInt(text);
                if (value < min || value > max) {
                    throw error(column, text + " is out of range " + min + "-" + max);
                }
                return value;
            } catch (NumberFormatException e) {
                throw error(column, "'" + text + "' is not a whole number");
            }
        }

        private Double fraction(String column) throws BatchInputException {
            String text = text(column).strip();
            if (text.isEmpty()) {
                return null;
            }
            try {
                double value = Double.parseDouble(text);
                if (!(value >= 0 && value <= 1)) {
                    throw error(column, text + " is not a fraction between 0 and 1");
                }
                return value;
            } catch (NumberFormatException e) {
                throw error(column, "'" + text + "' is not a number");
            }
        }

        private List<String> list(String column) {
            String text = text(column).strip();
            return text.isEmpty() ? List.of() : Arrays.stream(text.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }
}
