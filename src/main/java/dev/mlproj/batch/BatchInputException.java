package dev.mlproj.batch;

/** A batch CSV (input or results) is malformed; the message starts with "file:line:col:". */
public final class BatchInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public BatchInputException(String file, CsvText.Position at, String message) {
        super(file + ":" + at.line() + ":" + at.column() + ": " + message);
    }
}
