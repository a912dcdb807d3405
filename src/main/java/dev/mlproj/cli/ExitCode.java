package dev.mlproj.cli;

/** The documented exit codes; small and fixed so that CI scripts can rely on them. */
public final class ExitCode {
    /** Success, or the gate passed. */
    public static final int OK = 0;
    /** The gate failed: below --min-level. */
    public static final int GATE_FAILED = 1;
    /** Usage or configuration error: a bad flag, an invalid rubric. */
    public static final int USAGE = 2;
    /** The repository or a file could not be read. */
    public static final int UNREADABLE = 3;
    /** A bug in mlproj (an internal error): sysexits' EX_SOFTWARE, distinct from every verdict and input error. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
