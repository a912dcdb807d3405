package dev.mlproj.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts shard outputs back together: every file must be an mlproj results CSV, no repository may
 * appear twice (by name or by input row), and the rows come out in input order.
 */
public final class ResultsMerger {

    /** A results file as read: what to call it in messages, and its text. */
    public record Input(String display, String content) { }

    /** The merged rows, and what looks wrong without being an error (input rows no file holds). */
    public record Merged(List<BatchResult> rows, List<String> warnings) { }

    private ResultsMerger() {
    }

    public static Merged merge(List<Input> inputs) throws BatchInputException {
        Map<String, String> names = new HashMap<>();
        Map<Integer, String> rowsSeen = new HashMap<>();
        List<BatchResult> all = new ArrayList<>();
        for (Input input : inputs) {
            CsvText csv = CsvText.parse(input.display(), input.content());
            List<BatchResult> rows = ResultsCsv.read(csv);
            for (int i = 0; i < rows.size(); i++) {
                BatchResult r = rows.get(i);
                CsvText.Record record = csv.records().get(i + 1);
                String here = input.display() + ":" + csv.field(record, 0).line();
                String before = names.putIfAbsent(r.name(), here);
                if (before != null) {
                    throw csv.error(csv.field(record, 0), "'" + r.name() + "' is also at " + before
                            + ": the files overlap (the same shard twice, or shards of different inputs)");
                }
                String sameRow = rowsSeen.putIfAbsent(r.row(), here);
                if (sameRow != null) {
                    throw csv.error(csv.field(record, ResultsCsv.HEADER.indexOf("input_row")), "input row " + r.row()
                            + " is also at " + sameRow + ": the files overlap or come from different inputs");
                }
                all.add(r);
            }
        }
        all.sort(Comparator.comparingInt(BatchResult::row));
        List<String> warnings = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (int row = 1, i = 0; i < all.size(); row++) {
            if (all.get(i).row() == row) {
                i++;
            } else {
                missing.add(row);
            }
        }
        if (!missing.isEmpty()) {
            warnings.add("input rows " + abbreviate(missing) + " are in none of the files: is a shard's output missing?");
        }
        return new Merged(List.copyOf(all), warnings);
    }

    private static String abbreviate(List<Integer> rows) {
        List<String> shown = rows.stream().limit(10).map(String::valueOf).toList();
        return String.join(", ", shown) + (rows.size() > 10 ? " and " + (rows.size() - 10) + " more" : "");
    }
}
