package dev.mlproj.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's Python (the interpreter with python3-sklearn, pandas, fastapi... installed), taken from
 * MLPROJ_PYTHON with /usr/bin/python3 as the default. A missing interpreter fails the test: the
 * generated projects are only proven by running them.
 */
public final class Python {

    public record Run(int exitCode, String output) { }

    private Python() {
    }

    public static String interpreter() {
        String configured = System.getenv("MLPROJ_PYTHON");
        String python = configured == null || configured.isBlank() ? "/usr/bin/python3" : configured;
        if (!Files.isExecutable(Path.of(python))) {
            throw new AssertionError("no Python interpreter at " + python + " (set MLPROJ_PYTHON; .ci/run installs Debian's python3 packages)");
        }
        return python;
    }

    /**
     * The system property that bounds a Python run, in seconds. Unset (the default), a run takes as long as
     * it takes: a loaded machine is slow, not wrong, and a pytest suite that passes alone in 20 s has taken
     * over 600 s with the load at 15 on two cores. Set it (`mvn verify -Dmlproj.python.timeout=3600`) where
     * a hung interpreter must not hold a build forever.
     */
    public static final String TIMEOUT_PROPERTY = "mlproj.python.timeout";

    /** Runs {@code python args...} in {@code dir}, output and errors merged, waited for (see {@link #TIMEOUT_PROPERTY}). */
    public static Run run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(interpreter());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().put("MPLBACKEND", "Agg");
        pb.environment().remove("PYTHONPATH");
        // The projects' test data is small: one OpenMP thread per model (scikit-learn's gradient boosting)
        // is faster than a thread per core spinning against the other builds on a shared machine, where
        // level 2's suites otherwise ran past their timeout (600 s at a load average of 35).
        pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        Path log = Files.createTempFile("mlproj-python-", ".log");
        try {
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            long timeoutSeconds = timeoutSeconds();
            if (timeoutSeconds <= 0) {
                p.waitFor();
            } else if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Run(-1, "python " + String.join(" ", args) + " in " + dir + " was killed after " + timeoutSeconds
                        + " s (-D" + TIMEOUT_PROPERTY + "; unset it to wait as long as it takes)\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static long timeoutSeconds() {
        String value = System.getProperty(TIMEOUT_PROPERTY, "").strip();
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new AssertionError("-D" + TIMEOUT_PROPERTY + "=" + value + ": not a whole number of seconds");
        }
    }
}
