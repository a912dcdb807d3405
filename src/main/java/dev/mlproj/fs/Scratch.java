package dev.mlproj.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scratch files and directories that must not outlive the run that made them: staging trees of
 * {@code new} and {@code next}, the files {@code new --force} sets aside, the clones {@code batch} makes
 * before renaming them into its cache, {@code next}'s lock file.
 *
 * <p>A scratch directory is named {@code .STEM.mlproj-PID-RANDOM}, created with the umask's
 * permissions (a staging tree becomes the user's project). It is removed when its run is done with it,
 * by a shutdown hook when the run is stopped by SIGINT or SIGTERM, and, when the run was killed outright
 * (SIGKILL, a power cut), by {@link #sweep} in a later run that looks in the same place and finds no
 * process with that PID.
 *
 * <p>The few renames that put a staged result in place run through {@link #commit}: a shutdown hook
 * waits for a commit under way to finish, and no commit starts once the JVM is shutting down, so a
 * signal never leaves half of a result in place. Signals are process-wide, hence the one instance per
 * process.
 */
public final class Scratch {

    /** {@code .STEM.mlproj-PID-RANDOM}: what {@link #sweep} may remove, once PID has ended. */
    private static final Pattern NAME = Pattern.compile("\\..*\\.mlproj-(\\d{1,19})-[0-9a-z]{1,16}");
    /** How long a shutdown hook waits for a commit under way (a handful of renames) before it gives up on it. */
    private static final long COMMIT_WAIT_SECONDS = 30;

    private static final Scratch PROCESS = new Scratch();

    private final Set<Path> live = ConcurrentHashMap.newKeySet();
    private final ReentrantLock commits = new ReentrantLock();
    private final AtomicBoolean hooked = new AtomicBoolean();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean stopping;

    private Scratch() {
    }

    /** The process's scratch registry. */
    public static Scratch process() {
        return PROCESS;
    }

    /** Something that changes the file system and must not be cut in half by a signal. */
    @FunctionalInterface
    public interface Commit<T> {
        T run() throws IOException;
    }

    /**
     * Creates the directory {@code PARENT/.STEM.mlproj-PID-RANDOM} (permissions from the umask) and
     * registers it for removal if the run is stopped.
     */
    public Path createDirectory(Path parent, String stem) throws IOException {
        hook();
        for (int attempt = 0; ; attempt++) {
            Path dir = parent.resolve(name(stem));
            live.add(dir);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                live.remove(dir);
                if (attempt >= 100) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                live.remove(dir);
                throw e;
            }
        }
    }

    /** A fresh scratch name {@code .STEM.mlproj-PID-RANDOM}, not created. */
    public String name(String stem) {
        return "." + stem + ".mlproj-" + ProcessHandle.current().pid() + "-" + Long.toString(random.nextLong() >>> 1, 36);
    }

    /** Registers a path of this run's (a lock file) for removal if the run is stopped. */
    public void register(Path path) {
        hook();
        live.add(path);
    }

    /** The path is no longer scratch: it was renamed into place, or its owner removed it. */
    public void forget(Path path) {
        live.remove(path);
    }

    /** Removes a scratch tree now, without following links, and forgets it. */
    public void delete(Path path) {
        deleteTree(path);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            live.remove(path);
        }
    }

    /**
     * Runs {@code action} (renames into place, a ref update) so that a signal cannot cut it in half: a
     * shutdown hook waits for it, and once the JVM is shutting down no commit starts.
     *
     * @throws InterruptedIOException when the run is being stopped
     */
    public <T> T commit(Commit<T> action) throws IOException {
        commits.lock();
        try {
            if (stopping) {
                throw new InterruptedIOException("interrupted; nothing was written");
            }
            return action.run();
        } finally {
            commits.unlock();
        }
    }

    /** True once the JVM has begun shutting down (a signal, or the end of the run). */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Removes scratch entries in {@code parent} left by runs that are no longer alive (killed before they
     * could clean up). Entries of live processes, this one included, are left alone; so is anything not
     * named as scratch. Returns the entries removed.
     */
    public List<Path> sweep(Path parent) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            return removed;
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, ".*.mlproj-*")) {
            for (Path entry : entries) {
                Matcher m = NAME.matcher(entry.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid == self || ProcessHandle.of(pid).isPresent()) {
                    continue;
                }
                deleteTree(entry);
                if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                    removed.add(entry);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // an unreadable parent: the write that follows reports it
        }
        return removed;
    }

    private void hook() {
        if (hooked.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "mlproj-scratch-cleanup"));
        }
    }

    private void shutdown() {
        stopping = true;
        boolean locked = false;
        try {
            locked = commits.tryLock(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (Path p : List.copyOf(live)) {
                // Another thread may still be writing into it (a clone): try a few times.
                for (int i = 0; i < 5 && Files.exists(p, LinkOption.NOFOLLOW_LINKS); i++) {
                    deleteTree(p);
                }
                live.remove(p);
            }
        } finally {
            if (locked) {
                commits.unlock();
            }
        }
    }

    /** Deletes a file, a link (not what it points to) or a directory tree; best effort. */
    public static void deleteTree(Path path) {
        if (path == null || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // left for the next run's sweep
        }
    }
}
