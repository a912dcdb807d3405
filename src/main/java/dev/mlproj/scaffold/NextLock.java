package dev.mlproj.scaffold;

import dev.mlproj.fs.Scratch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * One writer at a time per repository: {@code next} holds this lock from before it assesses the
 * repository until its files are in place, so two runs at once cannot both plan the same files and
 * both write them; the second stops with a message naming the first. The lock is an OS file lock
 * ({@code fcntl}, through {@link FileChannel#tryLock}) on a lock file in the repository's git directory
 * (beside the directory when it is in no repository): the kernel releases it when its process dies,
 * however it dies, so a stale lock never blocks anyone. The file holds the holder's PID for the
 * message and is removed by its holder (on a signal too).
 *
 * <p>The same place holds {@code next}'s staging directories, which must never be inside the tree being
 * scanned: see {@link #place}.
 */
public final class NextLock implements AutoCloseable {

    /**
     * Where {@code next} stages files for {@code root} and keeps its lock: the git directory of the
     * repository {@code root} is in, when it is a directory on the same file system (never scanned,
     * never in {@code git status}); otherwise beside {@code root}.
     */
    public record Place(Path scratchParent, String stem, Path lockFile) { }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private NextLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    public static Place place(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        Optional<GitDirs.Found> repo;
        try {
            repo = GitDirs.nearest(dir);
        } catch (ScaffoldException e) {
            repo = Optional.empty();
        }
        if (repo.isPresent() && Files.isDirectory(repo.get().gitDir(), LinkOption.NOFOLLOW_LINKS) && sameFileSystem(repo.get().gitDir(), dir)) {
            Path gitDir = repo.get().gitDir();
            return new Place(gitDir, "next", gitDir.resolve("mlproj-next.lock"));
        }
        Path parent = dir.getParent() == null ? dir : dir.getParent();
        String name = dir.getFileName() == null ? "root" : dir.getFileName().toString();
        return new Place(parent, name, parent.resolve("." + name + ".mlproj-next.lock"));
    }

    /**
     * Takes the lock for writing into {@code root}.
     *
     * @throws ScaffoldException (not refused: exit 3) when another run holds it, naming its PID
     */
    public static NextLock acquire(Path root) throws ScaffoldException {
        Path file = place(root).lockFile();
        for (int attempt = 0; attempt < 20; attempt++) {
            if (Files.isSymbolicLink(file) || Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw ScaffoldException.refused(file + " is not a regular file; remove it so that mlproj can lock the repository");
            }
            Object before = fileKey(file);
            if (before == null) {
                try {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException e) {
                    // made by another run meanwhile: lock that one
                } catch (IOException e) {
                    throw ScaffoldException.failed("cannot lock " + root + " for writing (" + file + "): " + ProjectWriter.describe(e));
                }
                continue;
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                throw ScaffoldException.failed("cannot lock " + root + " for writing (" + file + "): " + ProjectWriter.describe(e));
            }
            FileLock lock;
            boolean here = false;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process
                here = true;
            } catch (IOException e) {
                close(channel);
                throw ScaffoldException.failed("cannot lock " + root + " for writing (" + file + "): " + ProjectWriter.describe(e));
            }
            if (lock == null) {
                String holder = here ? " (this process)" : holder(file);
                close(channel);
                throw ScaffoldException.failed("another mlproj next" + holder + " is writing into " + root
                        + "; nothing was written (try again when it has finished)");
            }
            // A holder removes the file as it lets go, so what was locked may be a file no longer at this path;
            // only a lock on the file the path still names counts. (The check is by file identity, without
            // opening the file again: closing any descriptor of a file drops the process's fcntl locks on it.)
            Object after = fileKey(file);
            if (after == null || !after.equals(before)) {
                close(channel);
                continue;
            }
            try {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            } catch (IOException e) {
                close(channel);
                throw ScaffoldException.failed("cannot lock " + root + " for writing (" + file + "): " + ProjectWriter.describe(e));
            }
            Scratch.process().register(file);
            return new NextLock(file, channel, lock);
        }
        throw ScaffoldException.failed("cannot lock " + root + " for writing: " + file + " keeps changing");
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** " (pid N)" from a lock file, or "" when it cannot be told. */
    private static String holder(Path file) {
        try {
            if (Files.size(file) > 256) {
                return "";
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            String pid = text.contains(" ") ? text.substring(0, text.indexOf(' ')) : text;
            return pid.matches("\\d{1,19}") ? " (pid " + pid + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static boolean sameFileSystem(Path a, Path b) {
        try {
            return Files.getFileStore(a).equals(Files.getFileStore(b));
        } catch (IOException e) {
            return false;
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing releases any lock in any case
        }
    }

    /** Removes the lock file (while still holding the lock) and lets go. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the next holder takes it over
        } finally {
            Scratch.process().forget(file);
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it
            }
            close(channel);
        }
    }
}
