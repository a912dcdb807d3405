package dev.mlproj.fetch;

/** A repository could not be cloned, fetched or checked out; the message is one line for an error row. */
public final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;

    public FetchException(String message) {
        super(message);
    }

    /** The message, followed by the causes' messages that add something, on one line. */
    static FetchException of(String what, Throwable cause) {
        StringBuilder sb = new StringBuilder(what);
        String last = "";
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (!m.isEmpty() && !last.contains(m)) {
                sb.append(": ").append(m);
                last = m;
            }
        }
        return new FetchException(sb.toString().replaceAll("\\s+", " "));
    }
}
