package dev.mlproj.scan;

/** The repository could not be scanned at all (missing, not a directory, unreadable). */
public final class ScanException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScanException(String message) {
        super(message);
    }
}
