package dev.mlproj.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the cohort CSV: a header naming {@code name} and {@code url} (any order, any case) and
 * optionally {@code rev}; other columns are ignored. Every problem is reported with file:line:col
 * before anything is assessed, so a typo on row 90 does not surface after an hour of cloning.
 */
public final class BatchInput {

    static final String NAME = "name";
    static final String URL = "url";
    static final String REV = "rev";

    private BatchInput() {
    }

    /** The most of a batch CSV (or a results CSV given to {@code batch merge}) that is read: 64 MiB. */
    public static final long MAX_BYTES = 64L << 20;

    /**
     * Reads the cohort CSV the one safe way: a link on the command line is resolved, but what it leads to
     * must be a regular file (a device or a pipe is refused unopened) and at most {@link #MAX_BYTES} are read.
     */
    public static List<BatchEntry> read(Path file) throws IOException, BatchInputException {
        return parse(file.toString(), dev.mlproj.io.SafeFiles.readUtf8(file, MAX_BYTES, dev.mlproj.io.SafeFiles.Links.FOLLOW));
    }

    public static List<BatchEntry> parse(String display, String content) throws BatchInputException {
        CsvText csv = CsvText.parse(display, content);
        List<CsvText.Record> records = csv.records();
        if (records.isEmpty()) {
            throw csv.error(CsvText.Position.START, "empty file: expected a header row name,url (and optionally rev)");
        }
        CsvText.Record header = records.get(0);
        Map<String, Integer> columns = columns(csv, header);
        int name = required(csv, header, columns, NAME);
        int url = required(csv, header, columns, URL);
        Integer rev = columns.get(REV);
        if (records.size() == 1) {
            throw csv.error(new CsvText.Position(csv.field(header, 0).line() + 1, 1), "no repositories: the header is the only row");
        }
        List<BatchEntry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (CsvText.Record record : records.subList(1, records.size())) {
            String n = record.value(name).strip();
            String u = record.value(url).strip();
            String r = rev == null ? "" : record.value(rev).strip();
            if (n.isEmpty()) {
                throw csv.error(csv.field(record, name), "empty name");
            }
            if (n.chars().anyMatch(Character::isISOControl)) {
                throw csv.error(csv.field(record, name), "the name contains a line break or control character");
            }
            Integer first = seen.putIfAbsent(n, csv.field(record, name).line());
            if (first != null) {
                throw csv.error(csv.field(record, name), "duplicate name '" + n + "' (first on line " + first + ")");
            }
            if (u.isEmpty()) {
                throw csv.error(csv.field(record, url), "empty url for '" + n + "' (a local path or a git URL)");
            }
            if (u.chars().anyMatch(Character::isISOControl) || r.chars().anyMatch(Character::isISOControl)) {
                throw csv.error(csv.field(record, url), "the url or rev contains a line break or control character");
            }
            entries.add(new BatchEntry(entries.size(), csv.field(record, 0).line(), n, u, r));
        }
        return List.copyOf(entries);
    }

    private static Map<String, Integer> columns(CsvText csv, CsvText.Record header) throws BatchInputException {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.values().size(); i++) {
            String column = header.values().get(i).strip().toLowerCase(Locale.ROOT);
            if (column.isEmpty()) {
                continue;
            }
            Integer earlier = columns.putIfAbsent(column, i);
            if (earlier != null && (column.equals(NAME) || column.equals(URL) || column.equals(REV))) {
                throw csv.error(csv.field(header, i), "column '" + column + "' appears twice (also column " + (earlier + 1) + ")");
            }
        }
        return columns;
    }

    private static int required(CsvText csv, CsvText.Record header, Map<String, Integer> columns, String column)
            throws BatchInputException {
        Integer index = columns.get(column);
        if (index == null) {
            throw csv.error(csv.field(header, 0), "the header has no '" + column + "' column (expected name,url and optionally rev; found "
                    + abbreviate(String.join(",", header.values())) + ")");
        }
        return index;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
