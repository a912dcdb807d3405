package dev.mlproj.testing;

/**
 * The bound on a wait that only a hang can make long: a latch a deadlocked worker never counts down, a pipe
 * nobody opens. Such a wait must end for the build to report the failure, so it has a bound, but one far
 * beyond anything a loaded machine needs, and a property (seconds) to raise it on an even slower one.
 * Waits for work that is merely slow (a process, a pytest suite) have no bound at all.
 */
public final class Waits {

    public static final String PROPERTY = "mlproj.test.hangSeconds";
    private static final long DEFAULT_SECONDS = 1800;

    private Waits() {
    }

    public static long hangSeconds() {
        String value = System.getProperty(PROPERTY, "").strip();
        if (value.isEmpty()) {
            return DEFAULT_SECONDS;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new AssertionError("-D" + PROPERTY + "=" + value + ": not a whole number of seconds");
        }
    }

    /** The value of {@code future}, waited for up to {@link #hangSeconds}; a failure naming {@code what} after that. */
    public static <T> T get(java.util.concurrent.Future<T> future, String what)
            throws InterruptedException, java.util.concurrent.ExecutionException {
        try {
            return future.get(hangSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(hung(what), e);
        }
    }

    /** The failure message of a wait for {@code what} that ran out. */
    public static String hung(String what) {
        return what + " did not happen within " + hangSeconds() + " s: a hang, unless this machine is slower than -D"
                + PROPERTY + " allows";
    }
}
