package dev.mlproj.scaffold;

/** A scaffold that cannot be written. {@link #refused()} tells a user error (exit 2) from an I/O failure (exit 3). */
public final class ScaffoldException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean refused;

    private ScaffoldException(String message, boolean refused) {
        super(message);
        this.refused = refused;
    }

    /** The request itself is unacceptable: an occupied target, a path that escapes it. */
    static ScaffoldException refused(String message) {
        return new ScaffoldException(message, true);
    }

    /** The request was fine but the file system failed. */
    static ScaffoldException failed(String message) {
        return new ScaffoldException(message, false);
    }

    public boolean refused() {
        return refused;
    }
}
