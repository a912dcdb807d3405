package dev.mlproj.cli;

import dev.mlproj.batch.BatchEntry;
import dev.mlproj.batch.BatchResult;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchProgressTest {

    private static final BatchEntry ENTRY = new BatchEntry(0, 2, "repo-a", "/r/a", "");

    @Test
    void theBarShowsHowFarAndWhatFinishedLast() {
        assertThat(BatchProgress.bar(12, 20, "repo-name", 10)).isEqualTo("[######....] 12/20 repo-name");
        assertThat(BatchProgress.bar(0, 3, "", 10)).isEqualTo("[..........] 0/3");
        assertThat(BatchProgress.bar(3, 3, "x", 4)).isEqualTo("[####] 3/3 x");
        assertThat(BatchProgress.bar(1, 2, "n".repeat(200), 20)).hasSize(79).endsWith("...");
    }

    @Test
    void offATerminalOnlyWarningsAreWritten() {
        StringWriter err = new StringWriter();
        BatchProgress progress = new BatchProgress(new PrintWriter(err), false, true, false);
        progress.start(2);
        progress.finished(1, 2, BatchResult.failed(ENTRY, "gone"));
        progress.finished(2, 2, ok());
        progress.end();
        assertThat(err).hasToString("mlproj: warning: repo-a: gone" + System.lineSeparator());
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndClearedAtTheEnd() {
        StringWriter err = new StringWriter();
        BatchProgress progress = new BatchProgress(new PrintWriter(err), true, true, false);
        progress.start(2);
        progress.finished(1, 2, ok());
        progress.finished(2, 2, ok());
        progress.end();
        String bar0 = "[....................] 0/2";
        String bar1 = "[##########..........] 1/2 repo-a";
        assertThat(err.toString()).isEqualTo("\r" + bar0 + "\r" + " ".repeat(bar0.length()) + "\r"
                + "\r" + bar1 + "\r" + " ".repeat(bar1.length()) + "\r");
    }

    @Test
    void quietSaysNothing() {
        StringWriter err = new StringWriter();
        BatchProgress progress = new BatchProgress(new PrintWriter(err), false, false, false);
        progress.finished(1, 1, BatchResult.failed(ENTRY, "gone"));
        assertThat(err.toString()).isEmpty();
    }

    private static BatchResult ok() {
        return new BatchResult(1, "repo-a", "/r/a", "", "", 1, "Notebook experiments", List.of(1.0, 0.0, 0.0, 0.0, 0.0),
                "data", List.of(1.0, 0.0, 0.0, 0.0), List.of(), List.of(), 0, "");
    }
}
