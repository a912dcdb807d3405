package dev.mlproj.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * RFC 4180 CSV (comma, double quotes, CRLF) with a header row, as spreadsheets read it. A cell that a
 * spreadsheet would take for a formula (=, +, -, @ first) gets a leading apostrophe: evidence quotes
 * the repository's own text, and opening a cohort's report must not run anything.
 */
final class Csv {

    private Csv() {
    }

    static String write(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (List<Object> row : rows) {
                printer.printRecord(row.stream().map(Csv::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory", e);
        }
        return out.toString();
    }

    private static Object cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return value;
    }
}
