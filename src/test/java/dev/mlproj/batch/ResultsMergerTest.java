package dev.mlproj.batch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsMergerTest {

    private static final BatchResult A = Rows.assessed(1, "a", 1, 1, 0.2, 0, 0, 0);
    private static final BatchResult B = Rows.assessed(2, "b", 2, 1, 0.8, 0.1, 0, 0);
    private static final BatchResult C = Rows.failed(3, "c", "no such directory");
    private static final BatchResult D = Rows.assessed(4, "d", 0, 0, 0, 0, 0, 0);

    private static ResultsMerger.Input file(String name, BatchResult... rows) {
        return new ResultsMerger.Input(name, ResultsCsv.write(List.of(rows)));
    }

    @Test
    void putsShardsBackInInputOrder() throws BatchInputException {
        ResultsMerger.Merged merged = ResultsMerger.merge(List.of(file("s2.csv", B, D), file("s1.csv", A, C)));
        assertThat(merged.rows()).containsExactly(A, B, C, D);
        assertThat(merged.warnings()).isEmpty();
    }

    @Test
    void overlappingFilesAreRejectedNamingBothPlaces() {
        assertThatThrownBy(() -> ResultsMerger.merge(List.of(file("s1.csv", A, C), file("s1-again.csv", A, C))))
                .hasMessageStartingWith("s1-again.csv:2:1: 'a' is also at s1.csv:2: the files overlap");
        BatchResult otherA = Rows.assessed(3, "z", 1, 1, 0, 0, 0, 0);
        assertThatThrownBy(() -> ResultsMerger.merge(List.of(file("x.csv", A, B, C), file("y.csv", otherA))))
                .hasMessageStartingWith("y.csv:2:").hasMessageContaining("input row 3 is also at x.csv:4");
    }

    @Test
    void mismatchedHeadersAreRejected() {
        assertThatThrownBy(() -> ResultsMerger.merge(List.of(file("s1.csv", A),
                new ResultsMerger.Input("old.csv", "name,level,error\na,1,\n"))))
                .hasMessageStartingWith("old.csv:1:6: column 2 is 'level', expected 'url'");
    }

    @Test
    void missingRowsAreAWarning() throws BatchInputException {
        ResultsMerger.Merged merged = ResultsMerger.merge(List.of(file("s2.csv", B, D)));
        assertThat(merged.rows()).containsExactly(B, D);
        assertThat(merged.warnings()).containsExactly("input rows 1, 3 are in none of the files: is a shard's output missing?");
    }
}
