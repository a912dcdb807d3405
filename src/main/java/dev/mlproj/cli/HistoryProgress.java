package dev.mlproj.cli;

import java.io.PrintWriter;

/**
 * What history says on standard error while it runs: when standard error is a terminal, a bar redrawn in
 * place ({@code [#####.....] 250/1000 a1b2c3d 2023-04-01}), at most ten times a second, and cleared before
 * the report is written; anywhere else nothing, so a log or a pipe holds only the report.
 */
final class HistoryProgress {

    private static final int BAR_WIDTH = 20;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean live;
    private final java.util.function.LongSupplier clock;
    private long drawnAt;
    private int drawn;

    /** @param live draw the bar (only when standard error is a terminal, and not with --quiet) */
    HistoryProgress(PrintWriter err, boolean live) {
        this(err, live, System::nanoTime);
    }

    HistoryProgress(PrintWriter err, boolean live, java.util.function.LongSupplier clock) {
        this.err = err;
        this.live = live;
        this.clock = clock;
    }

    /** Before assessing point {@code done + 1} of {@code total}: the commit about to be read. */
    void point(int done, int total, String commit) {
        if (!live) {
            return;
        }
        long now = clock.getAsLong();
        if (drawn > 0 && now - drawnAt < REDRAW_NANOS) {
            return;
        }
        drawnAt = now;
        String line = BatchProgress.bar(done, total, commit, BAR_WIDTH);
        err.print("\r" + line + (line.length() < drawn ? " ".repeat(drawn - line.length()) + "\r" + line : ""));
        err.flush();
        drawn = line.length();
    }

    void end() {
        if (drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
            drawn = 0;
        }
    }
}
