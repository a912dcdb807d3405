package dev.mlproj.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryProgressTest {

    @Test
    void onATerminalTheBarIsRedrawnAtMostTenTimesASecondAndClearedBeforeTheReport() {
        StringWriter err = new StringWriter();
        AtomicLong now = new AtomicLong();
        HistoryProgress progress = new HistoryProgress(new PrintWriter(err), true, now::get);
        progress.point(0, 4, "a1b2c3d 2024-01-01");
        now.addAndGet(50_000_000L);
        progress.point(1, 4, "b2c3d4e 2024-01-08"); // 50 ms later: not redrawn
        now.addAndGet(60_000_000L);
        progress.point(2, 4, "c3d4e5f 2024-01-15");
        progress.end();
        String first = "[....................] 0/4 a1b2c3d 2024-01-01";
        String third = "[##########..........] 2/4 c3d4e5f 2024-01-15";
        assertThat(err.toString()).isEqualTo("\r" + first + "\r" + third + "\r" + " ".repeat(third.length()) + "\r");
    }

    @Test
    void offATerminalNothingIsWritten() {
        StringWriter err = new StringWriter();
        HistoryProgress progress = new HistoryProgress(new PrintWriter(err), false);
        progress.point(0, 2, "a1b2c3d 2024-01-01");
        progress.point(1, 2, "b2c3d4e 2024-01-08");
        progress.end();
        assertThat(err.toString()).isEmpty();
    }
}
