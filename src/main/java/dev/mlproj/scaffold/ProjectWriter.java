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
                if (Files.isDirectory(dir.resolve(f.path()), LinkOption.NOFOLLOW_LINKS)) {
                    throw ScaffoldException.refused(target + ": " + f.path() + " is a directory; --force replaces files, not directories");
                }
            }
        }
        Path staging = stage(parent, dir.getFileName().toString(), files);
        try {
            if (!occupied) {
                Files.deleteIfExists(dir); // an empty directory, replaced by the staged tree in one rename
                move(staging, dir);
                return;
            }
            // --force: a file at the same path is replaced (links were refused above). The file it replaces
            // is first set aside beside the target, so that a failure can put everything back.
            Path previous = Files.createTempDirectory(parent, "." + dir.getFileName() + ".previous-");
            List<Path> moved = new ArrayList<>();
            List<Path> createdDirs = new ArrayList<>();
            List<Path[]> setAside = new ArrayList<>(); // {original place, where it waits}
            boolean keepPrevious = false;
            try {
                for (PlannedFile f : files) {
                    Path to = dir.resolve(f.path());
                    createParents(dir, to.getParent(), createdDirs);
                    if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                        Path aside = previous.resolve(f.path());
                        Files.createDirectories(aside.getParent());
                        move(to, aside);
                        setAside.add(new Path[] {to, aside});
                    }
                    move(staging.resolve(f.path()), to);
                    moved.add(to);
                }
            } catch (IOException e) {
                undo(moved, List.of());
                for (Path[] pair : setAside) {
                    try {
                        move(pair[1], pair[0]);
                    } catch (IOException notBack) {
                        keepPrevious = true;
                    }
                }
                undo(List.of(), createdDirs);
                throw ScaffoldException.failed("writing into " + target + " failed: " + describe(e)
                        + (keepPrevious ? "; the files it had replaced are kept in " + previous : "; nothing was changed"));
            } finally {
                if (!keepPrevious) {
                    deleteTree(previous);
                }
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
        addFiles(root, files, null);
    }

    /**
     * Adds files as {@link #addFiles(Path, List)} does and, in the same all-or-nothing step, replaces
     * {@code replaced} (mlproj's own record, which may exist): it moves in last, by an atomic rename, so
     * that a failure anywhere leaves the repository as it was, record included.
     */
    public static void addFiles(Path root, List<PlannedFile> files, PlannedFile replaced) throws ScaffoldException {
        Path dir = root.toAbsolutePath().normalize();
        for (PlannedFile f : files) {
            checkNoLinks(dir, f.path());
            if (Files.exists(dir.resolve(f.path()), LinkOption.NOFOLLOW_LINKS)) {
                throw ScaffoldException.refused(f.path() + " already exists; nothing was written");
            }
        }
        List<PlannedFile> staged = new ArrayList<>(files);
        if (replaced != null) {
            checkNoLinks(dir, replaced.path());
            Path existing = dir.resolve(replaced.path());
            if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
                throw ScaffoldException.refused(replaced.path() + " exists and is not a regular file; nothing was written");
            }
            staged.add(replaced);
        }
        Path staging = stage(dir, ".mlproj-next", staged);
        List<Path> moved = new ArrayList<>();
        List<Path> createdDirs = new ArrayList<>();
        try {
            for (PlannedFile f : files) {
                Path to = dir.resolve(f.path());
                createParents(dir, to.getParent(), createdDirs);
                move(staging.resolve(f.path()), to);
                moved.add(to);
            }
            if (replaced != null) {
                Path to = dir.resolve(replaced.path());
                createParents(dir, to.getParent(), createdDirs);
                replace(staging.resolve(replaced.path()), to);
            }
        } catch (IOException e) {
            undo(moved, createdDirs);
            throw ScaffoldException.failed("adding files to " + root + " failed, nothing was kept: " + describe(e));
        } finally {
            deleteTree(staging);
        }
    }

    /** Takes moved files back out and removes the directories created for them, newest first. */
    private static void undo(List<Path> moved, List<Path> createdDirs) {
        for (Path p : moved) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: the caller's message says what happened
            }
        }
        for (int i = createdDirs.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(createdDirs.get(i));
            } catch (IOException ignored) {
                // not empty or already gone
            }
        }
    }

    /** Moves a staged file over an existing one in one rename, so the old one stays whole if it fails. */
    private static void replace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
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
