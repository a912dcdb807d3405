package dev.mlproj.scaffold;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code mlproj new --data FILE.csv} learns about the user's dataset before generating a project
 * around it: the header, each column's type inferred from a bounded sample of rows, the target's task.
 * The whole file is read once for its structure (every record must have the header's number of fields),
 * up to {@link #COPY_LIMIT_BYTES}; a larger file is only sampled, and referenced rather than copied.
 */
public final class DatasetProfile {

    /** Rows read to infer types, ranges and categories. */
    static final int SAMPLE_ROWS = 5_000;
    /** Files up to this size are copied into the project's data/raw and checked to the last line. */
    public static final long COPY_LIMIT_BYTES = 50L * 1024 * 1024;
    /** A string column with at most this many distinct values (in the sample) is categorical. */
    static final int MAX_CATEGORIES = 50;
    /** A classification target with more classes than this is refused. */
    static final int MAX_CLASSES = 50;
    /** Fewer labelled rows than this cannot be split into train, validation and test. */
    static final int MIN_ROWS = 30;

    public enum Kind { NUMERIC, CATEGORICAL, DATETIME, BOOLEAN, TEXT }

    public enum Role { FEATURE, TARGET, TIME, IDENTIFIER, EMPTY }

    public enum Task { CLASSIFICATION, REGRESSION, FORECAST }

    /**
     * One column.
     *
     * @param integer    numeric and every sampled value integral
     * @param categories distinct sampled values of a categorical or boolean column, sorted (empty otherwise)
     * @param missing    sampled rows where it is empty or a missing-value marker
     */
    public record Column(String name, Kind kind, Role role, boolean integer, Double min, Double max,
                         List<String> categories, int distinct, int missing) {
    }

    private final Path file;
    private final List<Column> columns;
    private final Task task;
    private final String target;
    private final String timeColumn;
    private final long rows;
    private final boolean sampledOnly;
    private final List<String> notes;

    private DatasetProfile(Path file, List<Column> columns, Task task, String target, String timeColumn, long rows,
                           boolean sampledOnly, List<String> notes) {
        this.file = file;
        this.columns = List.copyOf(columns);
        this.task = task;
        this.target = target;
        this.timeColumn = timeColumn;
        this.rows = rows;
        this.sampledOnly = sampledOnly;
        this.notes = List.copyOf(notes);
    }

    public Path file() {
        return file;
    }

    public List<Column> columns() {
        return columns;
    }

    public Task task() {
        return task;
    }

    public String target() {
        return target;
    }

    /** The column that orders a forecast's rows; null for other tasks. */
    public String timeColumn() {
        return timeColumn;
    }

    /** Data rows read: every row, or the sample when {@link #sampledOnly()}. */
    public long rows() {
        return rows;
    }

    /** True when the file is over {@link #COPY_LIMIT_BYTES}: only the sample was read, and it is referenced, not copied. */
    public boolean sampledOnly() {
        return sampledOnly;
    }

    /** What was decided for the user (task inferred, columns left out), for the command's output. */
    public List<String> notes() {
        return notes;
    }

    public Column column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** Bad input: the message names the file, line and column, or the flag at fault. */
    public static final class DataException extends Exception {
        public DataException(String message) {
            super(message);
        }
    }

    private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "none", "?", "-");
    private static final Map<String, Boolean> BOOLEANS = Map.of("true", true, "false", false, "yes", true, "no", false,
            "t", true, "f", false, "y", true, "n", false);
    private static final Pattern DATE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern IDENTIFIER_NAME = Pattern.compile("(?i)(.*[_ -])?(id|uuid|key)");

    /**
     * Reads {@code csv} and profiles it for {@code target}.
     *
     * @param task       the task asked for with --task, or null to infer it
     * @param timeColumn the column given with --time-column, or null
     */
    public static DatasetProfile read(Path csv, String target, Task task, String timeColumn) throws DataException {
        String where = csv.toString();
        long size;
        try {
            if (!Files.isRegularFile(csv)) {
                throw new DataException("--data " + where + ": " + (Files.exists(csv) ? "not a regular file" : "no such file"));
            }
            size = Files.size(csv);
        } catch (IOException e) {
            throw new DataException("--data " + where + ": cannot be read: " + e.getMessage());
        }
        if (size == 0) {
            throw new DataException(where + ": the file is empty; it needs a header line and rows of data");
        }
        boolean sampledOnly = size > COPY_LIMIT_BYTES;
        List<String> header;
        List<List<String>> sample = new ArrayList<>();
        long rows = 0;
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).get();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(csv), decoder));
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                throw new DataException(where + ": the file is empty; it needs a header line and rows of data");
            }
            CSVRecord head = records.next();
            header = new ArrayList<>(head.toList());
            if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                header.set(0, header.get(0).substring(1));
            }
            checkHeader(where, header);
            while (records.hasNext()) {
                CSVRecord r = records.next();
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue; // a blank line
                }
                if (r.size() != header.size()) {
                    throw new DataException(where + ":" + r.getParser().getCurrentLineNumber() + ": " + r.size() + " field"
                            + (r.size() == 1 ? "" : "s") + " where the header has " + header.size()
                            + " (record " + r.getRecordNumber() + "); every line needs one value per column");
                }
                rows++;
                if (sample.size() < SAMPLE_ROWS) {
                    sample.add(r.toList());
                } else if (sampledOnly) {
                    break;
                }
            }
        } catch (UncheckedIOException e) {
            throw malformed(where, e.getCause());
        } catch (CharacterCodingException e) {
            throw new DataException(where + ": not UTF-8 text; save it as UTF-8 CSV");
        } catch (IOException e) {
            if (e instanceof NoSuchFileException) {
                throw new DataException("--data " + where + ": no such file");
            }
            throw malformed(where, e);
        }
        if (rows == 0) {
            throw new DataException(where + ": a header but no rows of data");
        }
        List<String> notes = new ArrayList<>();
        int targetIndex = header.indexOf(target);
        if (targetIndex < 0) {
            throw new DataException("--target " + target + ": no such column in " + where + " (columns: " + String.join(", ", header) + ")");
        }
        if (timeColumn != null && !header.contains(timeColumn)) {
            throw new DataException("--time-column " + timeColumn + ": no such column in " + where + " (columns: " + String.join(", ", header) + ")");
        }
        List<Column> inferred = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            inferred.add(infer(header.get(i), i, sample, header.get(i).equals(target)));
        }
        Column targetColumn = inferred.get(targetIndex);
        long labelled = sample.size() - targetColumn.missing();
        if (labelled < MIN_ROWS) {
            throw new DataException(where + ": only " + labelled + " rows have a value for --target " + target
                    + "; at least " + MIN_ROWS + " are needed to split into train, validation and test");
        }
        List<String> dates = inferred.stream().filter(c -> c.kind() == Kind.DATETIME).map(Column::name).toList();
        String time = null;
        if (timeColumn != null) {
            if (inferred.get(header.indexOf(timeColumn)).kind() != Kind.DATETIME) {
                throw new DataException("--time-column " + timeColumn + ": its values in " + where
                        + " are not dates (ISO 8601, e.g. 2024-01-31 or 2024-01-31 12:00)");
            }
            time = timeColumn;
        } else if (dates.size() == 1) {
            time = dates.get(0);
        }
        Task resolved = resolveTask(where, targetColumn, task, time, dates, sample, header, notes);
        if (resolved != Task.FORECAST) {
            time = null;
        }
        List<Column> columns = new ArrayList<>();
        for (Column c : inferred) {
            Role role = c.role();
            if (c.name().equals(target)) {
                role = Role.TARGET;
            } else if (c.name().equals(time)) {
                role = Role.TIME;
            }
            columns.add(new Column(c.name(), c.kind(), role, c.integer(), c.min(), c.max(), c.categories(), c.distinct(), c.missing()));
            if (role == Role.IDENTIFIER) {
                notes.add("column '" + c.name() + "' looks like an identifier (every value distinct): kept in the schema, left out of the features");
            } else if (role == Role.EMPTY) {
                notes.add("column '" + c.name() + "' is empty in the sample: kept in the schema, left out of the features");
            }
        }
        if (columns.stream().noneMatch(c -> c.role() == Role.FEATURE) && resolved != Task.FORECAST) {
            throw new DataException(where + ": no column but --target " + target + " can be a feature");
        }
        if (sampledOnly) {
            notes.add(where + " is " + size / (1024 * 1024) + " MiB: profiled from its first " + sample.size()
                    + " rows and referenced from the project, not copied");
        }
        return new DatasetProfile(csv, columns, resolved, target, time, rows, sampledOnly, notes);
    }

    private static DataException malformed(String where, Throwable e) {
        String message = e == null || e.getMessage() == null ? "malformed CSV" : e.getMessage();
        // Commons CSV says e.g. "(line 12) invalid char between encapsulated token and delimiter".
        // or "Invalid character between encapsulated token and delimiter at line: 8, position: 85".
        var m = Pattern.compile("\\(line (\\d+)\\)\\s*(.*)", Pattern.DOTALL).matcher(message);
        if (m.find()) {
            return new DataException(where + ":" + m.group(1) + ": malformed CSV: " + m.group(2).lines().findFirst().orElse("").trim());
        }
        m = Pattern.compile("(.*?)\\s*at line:? (\\d+)(, position:? \\d+)?", Pattern.DOTALL).matcher(message);
        if (m.find()) {
            String what = m.group(1).trim();
            return new DataException(where + ":" + m.group(2) + ": malformed CSV: "
                    + (what.isEmpty() ? "" : Character.toLowerCase(what.charAt(0)) + what.substring(1))
                    + " (a quote inside a quoted value must be doubled: \"\")");
        }
        return new DataException(where + ": malformed CSV: " + message.lines().findFirst().orElse(""));
    }

    private static void checkHeader(String where, List<String> header) throws DataException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isBlank()) {
                throw new DataException(where + ":1: column " + (i + 1) + " has no name; the first line must name every column");
            }
            if (!seen.add(name)) {
                throw new DataException(where + ":1: column " + (i + 1) + " repeats the name '" + name + "'");
            }
            if (name.chars().anyMatch(ch -> ch < 0x20)) {
                throw new DataException(where + ":1: column " + (i + 1) + " has a control character in its name");
            }
        }
        if (header.size() < 2) {
            throw new DataException(where + ":1: one column only; a dataset needs a target and at least one feature"
                    + " (is the file separated by something other than commas?)");
        }
    }

    static boolean isMissing(String value) {
        return MISSING.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    private static Column infer(String name, int index, List<List<String>> sample, boolean isTarget) {
        List<String> values = new ArrayList<>();
        int missing = 0;
        for (List<String> row : sample) {
            String v = row.get(index).trim();
            if (isMissing(v)) {
                missing++;
            } else {
                values.add(v);
            }
        }
        Set<String> distinct = new HashSet<>(values);
        if (values.isEmpty()) {
            return new Column(name, Kind.TEXT, Role.EMPTY, false, null, null, List.of(), 0, missing);
        }
        if (values.stream().allMatch(v -> BOOLEANS.containsKey(v.toLowerCase(Locale.ROOT)))
                && distinct.stream().map(v -> BOOLEANS.get(v.toLowerCase(Locale.ROOT))).distinct().count() <= 2) {
            return new Column(name, Kind.BOOLEAN, Role.FEATURE, false, null, null, sorted(distinct), distinct.size(), missing);
        }
        if (values.stream().allMatch(v -> NUMBER.matcher(v).matches())) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            boolean integer = true;
            for (String v : values) {
                double d = Double.parseDouble(v);
                min = Math.min(min, d);
                max = Math.max(max, d);
                integer &= d == Math.rint(d) && !v.contains(".") && !v.toLowerCase(Locale.ROOT).contains("e");
            }
            boolean identifier = !isTarget && integer && distinct.size() == values.size() && values.size() >= MIN_ROWS
                    && IDENTIFIER_NAME.matcher(name).matches();
            return new Column(name, Kind.NUMERIC, identifier ? Role.IDENTIFIER : Role.FEATURE, integer, min, max,
                    integer && distinct.size() <= MAX_CLASSES ? numericSorted(distinct) : List.of(), distinct.size(), missing);
        }
        if (values.stream().allMatch(v -> DATE.matcher(v).matches())) {
            return new Column(name, Kind.DATETIME, Role.FEATURE, false, null, null, List.of(), distinct.size(), missing);
        }
        long prose = values.stream().filter(v -> v.split("\\s+").length >= 3).count();
        if (prose * 2 < values.size() && distinct.size() <= MAX_CATEGORIES
                && (distinct.size() * 2 <= values.size() || values.size() < MIN_ROWS)) {
            return new Column(name, Kind.CATEGORICAL, Role.FEATURE, false, null, null, sorted(distinct), distinct.size(), missing);
        }
        boolean identifier = !isTarget && distinct.size() == values.size()
                && values.stream().noneMatch(v -> v.contains(" "));
        return new Column(name, Kind.TEXT, identifier ? Role.IDENTIFIER : Role.FEATURE, false, null, null, List.of(),
                distinct.size(), missing);
    }

    private static Task resolveTask(String where, Column target, Task asked, String time, List<String> dates,
                                    List<List<String>> sample, List<String> header, List<String> notes) throws DataException {
        String t = "--target " + target.name();
        boolean numeric = target.kind() == Kind.NUMERIC;
        boolean fewValues = target.distinct() <= MAX_CLASSES;
        switch (target.kind()) {
            case TEXT -> throw new DataException(t + ": free text (" + target.distinct() + " distinct values in the sample);"
                    + " the target must be numeric, boolean or a category");
            case DATETIME -> throw new DataException(t + ": dates cannot be a target; forecast a numeric column"
                    + " over time with --task forecast");
            default -> { }
        }
        if (target.distinct() < 2) {
            throw new DataException(t + ": one value only in " + where + "; there is nothing to learn");
        }
        if (asked == null) {
            if (!numeric || (target.integer() && target.distinct() <= 10)) {
                notes.add("task: classification (" + t + " has " + target.distinct() + " classes; --task to change)");
                return Task.CLASSIFICATION;
            }
            if (time != null && sortedBy(sample, header.indexOf(time))) {
                notes.add("task: forecast (" + t + " is numeric and the rows are in order of '" + time + "'; --task to change)");
                return Task.FORECAST;
            }
            notes.add("task: regression (" + t + " is numeric; --task to change)");
            return Task.REGRESSION;
        }
        switch (asked) {
            case CLASSIFICATION -> {
                if (!fewValues) {
                    throw new DataException(t + ": " + target.distinct() + " distinct values; --task classification needs at most "
                            + MAX_CLASSES + " classes (regression?)");
                }
            }
            case REGRESSION -> {
                if (!numeric) {
                    throw new DataException(t + ": not numeric (" + target.kind().name().toLowerCase(Locale.ROOT)
                            + "); --task regression needs a numeric target");
                }
            }
            case FORECAST -> {
                if (!numeric) {
                    throw new DataException(t + ": not numeric (" + target.kind().name().toLowerCase(Locale.ROOT)
                            + "); --task forecast needs a numeric target");
                }
                if (time == null) {
                    throw new DataException(dates.isEmpty()
                            ? "--task forecast: " + where + " has no date column (ISO 8601 values, e.g. 2024-01-31)"
                            : "--task forecast: " + where + " has several date columns (" + String.join(", ", dates)
                            + "); choose one with --time-column");
                }
            }
        }
        return asked;
    }

    private static boolean sortedBy(List<List<String>> sample, int index) {
        String previous = null;
        for (List<String> row : sample) {
            String v = row.get(index).trim();
            if (isMissing(v)) {
                return false;
            }
            if (previous != null && v.compareTo(previous) < 0) {
                return false;
            }
            previous = v;
        }
        return true;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static List<String> numericSorted(Set<String> values) {
        return values.stream().sorted((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b))).toList();
    }
}
