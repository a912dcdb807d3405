package dev.mlproj.cli;

import dev.mlproj.batch.BatchResult;
import dev.mlproj.batch.BatchRunner;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a batch says on standard error while it runs: a bar redrawn in place when standard error is a
 * terminal ({@code [#####.....] 12/20 repo-name}), and on any stream one warning line per repository
 * that could not be assessed. Nothing else, so a CI log holds only what needs reading.
 */
final class BatchProgress implements BatchRunner.Listener {

    private static final int BAR_WIDTH = 20;
    private static final int LINE_WIDTH = 79;

    private final PrintWriter err;
    private final boolean live;
    private final boolean warnings;
    private final boolean verbose;
    private int drawn;

    /**
     * @param live     draw the bar (only when standard error is a terminal)
     * @param warnings print a line for each error row (off with --quiet)
     * @param verbose  also print a line for each repository assessed
     */
    BatchProgress(PrintWriter err, boolean live, boolean warnings, boolean verbose) {
        this.err = err;
        this.live = live;
        this.warnings = warnings;
        this.verbose = verbose;
    }

    synchronized void start(int total) {
        if (live && total > 0) {
            draw(bar(0, total, "", BAR_WIDTH));
        }
    }

    @Override
    public synchronized void finished(int done, int total, BatchResult r) {
        clear();
        if (r.failed() && warnings) {
            err.println("mlproj: warning: " + r.name() + ": " + r.error());
        } else if (verbose && !r.failed()) {
            err.println("mlproj: " + r.name() + ": level " + r.level());
        }
        if (live && done < total) {
            draw(bar(done, total, r.name(), BAR_WIDTH));
        }
        err.flush();
    }

    /** One step of work that is not a batch row (history's commits): the bar alone, nothing printed otherwise. */
    synchronized void step(int done, int total, String label) {
        if (!live) {
            return;
        }
        clear();
        if (done < total) {
            draw(bar(done, total, label, BAR_WIDTH));
        }
        err.flush();
    }

    synchronized void end() {
        clear();
        err.flush();
    }

    private void draw(String line) {
        err.print("\r" + line);
        err.flush();
        drawn = line.length();
    }

    private void clear() {
        if (drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            drawn = 0;
        }
    }

    /** {@code [#####.....] 12/20 name}, cut to fit an 80-column terminal. */
    static String bar(int done, int total, String name, int width) {
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        String line = "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total + (name.isEmpty() ? "" : " " + name);
        return line.length() <= LINE_WIDTH ? line : line.substring(0, LINE_WIDTH - 3) + "...";
    }

    /**
     * Whether standard error is a terminal. Java only says whether standard input and output are one
     * (System.console(), null under `> results.csv`); on Linux /proc tells about standard error
     * itself, so `batch x.csv > results.csv` still draws the bar and `2> log` does not.
     */
    static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | SecurityException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
