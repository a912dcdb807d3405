package dev.mlproj.scaffold;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes planned files so that a failure leaves nothing behind: everything is first written into a
 * temporary directory beside the target (same file system), then moved into place. Nothing is ever
 * written through a symbolic link or outside the target.
 */
public final class ProjectWriter {

    private ProjectWriter() {
    }

    /**
     * Creates a new project at {@code target}. An absent or empty target becomes the project in one
     * rename; a non-empty one is refused unless {@code force}, which replaces files at the same paths
     * and leaves every other file alone.
     */
    public static void createProject(Path target, List<PlannedFile> files, boolean force) throws ScaffoldException {
        Path dir = target.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(dir)) {
            throw ScaffoldException.refused(target + " is a symbolic link; give the real directory");
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw ScaffoldException.refused(target + " exists and is not a directory");
        }
        boolean occupied = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !isEmpty(dir);
        if (occupied && !force) {
            throw ScaffoldException.refused(target + " exists and is not empty; nothing was written (use --force to write into it)");
        }
        Path parent = dir.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw ScaffoldException.failed("cannot create " + parent + ": " + describe(e));
        }
        if (occupied) {
            for (PlannedFile f : files) {
                checkNoLinks(dir, f.path());
            }
        }
        Path staging = stage(parent, dir.getFileName().toString(), files);
        try {
            if (!occupied) {
                Files.deleteIfExists(dir); // an empty directory, replaced by the staged tree in one rename
                move(staging, dir);
                return;
            }
            int moved = 0;
            try {
                for (PlannedFile f : files) {
                    Path to = dir.resolve(f.path());
                    Files.createDirectories(to.getParent());
                    Files.deleteIfExists(to); // --force: a file at the same path is replaced (links were refused above)
                    move(staging.resolve(f.path()), to);
                    moved++;
                }
            } catch (IOException e) {
                throw ScaffoldException.failed("writing into " + target + " failed after " + moved + " of "
                        + files.size() + " files: " + describe(e));
            }
        } catch (IOException e) {
            throw ScaffoldException.failed("cannot create " + target + ": " + describe(e));
        } finally {
            deleteTree(staging);
        }
    }

    /**
     * Adds files to an existing repository, never replacing one: callers plan only absent paths, and a
     * path that appeared meanwhile is refused before anything moves. If a move fails, the files already
     * moved are taken back out.
     */
    public static void addFiles(Path root, List<PlannedFile> files) throws ScaffoldException {
        Path dir = root.toAbsolutePath().normalize();
        for (PlannedFile f : files) {
            checkNoLinks(dir, f.path());
            if (Files.exists(dir.resolve(f.path()), LinkOption.NOFOLLOW_LINKS)) {
                throw ScaffoldException.refused(f.path() + " already exists; nothing was written");
            }
        }
        Path staging = stage(dir, ".mlproj-next", files);
        List<Path> moved = new ArrayList<>();
        List<Path> createdDirs = new ArrayList<>();
        try {
            for (PlannedFile f : files) {
                Path to = dir.resolve(f.path());
                createParents(dir, to.getParent(), createdDirs);
                move(staging.resolve(f.path()), to);
                moved.add(to);
            }
        } catch (IOException e) {
            for (Path p : moved) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the message below says what happened
                }
            }
            for (int i = createdDirs.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(createdDirs.get(i));
                } catch (IOException ignored) {
                    // not empty or already gone
                }
            }
            throw ScaffoldException.failed("adding files to " + root + " failed, nothing was kept: " + describe(e));
        } finally {
            deleteTree(staging);
        }
    }

    /** Replaces one file (mlproj's own record) through a temporary file and a rename; never through a link. */
    public static void replaceFile(Path root, PlannedFile file) throws ScaffoldException {
        Path dir = root.toAbsolutePath().normalize();
        checkNoLinks(dir, file.path());
        Path target = dir.resolve(file.path());
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            Files.write(temp, file.content());
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw ScaffoldException.failed("cannot write " + file.path() + ": " + describe(e));
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // nothing more to undo
                }
            }
        }
    }

    /** Writes every file into a fresh temporary directory under {@code parent}. */
    private static Path stage(Path parent, String name, List<PlannedFile> files) throws ScaffoldException {
        Path staging;
        try {
            staging = Files.createTempDirectory(parent, "." + name + ".mlproj-");
        } catch (IOException e) {
            throw ScaffoldException.failed("cannot write in " + parent + ": " + describe(e));
        }
        try {
            for (PlannedFile f : files) {
                Path to = staging.resolve(f.path()).normalize();
                if (!to.startsWith(staging)) {
                    throw ScaffoldException.refused(f.path() + " is outside the project");
                }
                Files.createDirectories(to.getParent());
                Files.write(to, f.content());
            }
            return staging;
        } catch (IOException e) {
            deleteTree(staging);
            throw ScaffoldException.failed("cannot write in " + parent + ": " + describe(e));
        } catch (ScaffoldException e) {
            deleteTree(staging);
            throw e;
        }
    }

    /** Refuses a path whose existing parts include a symbolic link: writing there could land outside the target. */
    static void checkNoLinks(Path root, String relative) throws ScaffoldException {
        if (!TemplatePaths.isSafeRelative(relative)) {
            throw ScaffoldException.refused(relative + " is not a path inside " + root);
        }
        Path current = root;
        for (String segment : relative.split("/")) {
            current = current.resolve(segment);
            if (Files.isSymbolicLink(current)) {
                throw ScaffoldException.refused(root.relativize(current) + " is a symbolic link; mlproj does not write through links");
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
        }
    }

    private static void createParents(Path root, Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !p.equals(root) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            created.add(p);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean isEmpty(Path dir) throws ScaffoldException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw ScaffoldException.failed("cannot read " + dir + ": " + describe(e));
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a leftover temporary directory is named .NAME.mlproj-*; nothing else to do
        }
    }

    private static String describe(IOException e) {
        String what = e.getClass().getSimpleName();
        return e.getMessage() == null ? what : what + ": " + e.getMessage();
    }
}
