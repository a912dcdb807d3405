package dev.mlproj.fetch;

import java.nio.file.Path;

/**
 * A work tree in the cache checked out at one commit, reserved for its holder until closed, so that
 * no other row, thread or process moves it while it is being assessed.
 */
public final class Checkout implements AutoCloseable {

    private final Path dir;
    private final String commit;
    private final PathLocks.Held lock;

    Checkout(Path dir, String commit, PathLocks.Held lock) {
        this.dir = dir;
        this.commit = commit;
        this.lock = lock;
    }

    public Path dir() {
        return dir;
    }

    /** The full id of the commit checked out. */
    public String commit() {
        return commit;
    }

    @Override
    public void close() {
        lock.close();
    }
}
