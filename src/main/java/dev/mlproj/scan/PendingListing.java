package dev.mlproj.scan;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A directory's listing ({@link Scanner#list}) that may be under way on a thread of its own. On a large
 * repository, listing (the git index, the walk, the history) and reading the rubric each take a good part
 * of a second and need nothing of each other, so a one-repository assessment does both at once.
 */
public final class PendingListing {

    private final FutureTask<Scanner.Listing> task;
    private volatile boolean abandoned;

    /** A listing that starts only when it is first asked for, in the asking thread. */
    public PendingListing(Scanner scanner, Path root) {
        this.task = new FutureTask<>(() -> {
            Scanner.Listing listing = scanner.list(root);
            if (abandoned) {
                listing.close(); // nobody will take it
            }
            return listing;
        });
    }

    /** Starts listing on a daemon thread, which never keeps the program alive if the caller gives up. */
    public PendingListing startInBackground() {
        Thread lister = new Thread(task, "mlproj-list");
        lister.setDaemon(true);
        lister.start();
        return this;
    }

    /** The listing, made in this thread if no other has started it; the caller closes it. */
    public Scanner.Listing get() throws ScanException {
        task.run(); // a no-op when another thread runs it or has run it
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScanException("scan interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ScanException scan) {
                throw scan;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ScanException("listing failed: " + e.getCause());
        }
    }

    /** For a caller that will not ask after all: the listing is closed, now or when it is done. */
    public void abandon() {
        abandoned = true;
        if (task.isDone()) {
            try {
                task.get().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // nothing was opened
            }
        }
    }
}
