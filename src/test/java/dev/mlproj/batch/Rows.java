package dev.mlproj.batch;

import java.util.Arrays;
import java.util.List;

/** Hand-built result rows for renderer tests. */
final class Rows {

    private Rows() {
    }

    static BatchResult assessed(int row, String name, int level, double... progress) {
        List<Double> p = Arrays.stream(progress).boxed().toList();
        return new BatchResult(row, name, "file:///repos/" + name, "", "0123456789abcdef0123456789abcdef01234567", level,
                level == 0 ? "Not a machine-learning project" : "Level " + level + " name", p, level == 0 ? "" : "models",
                List.of(0.25, 0.5, 0.125, 0.125), level >= 2 ? List.of("Entry-level data scientist") : List.of(),
                List.of("L" + (level + 1) + "-a", "L" + (level + 1) + "-b"), 0, "");
    }

    static BatchResult failed(int row, String name, String reason) {
        return BatchResult.failed(new BatchEntry(row - 1, row + 1, name, "/missing/" + name, ""), reason);
    }
}
