package dev.mlproj.scaffold;

import dev.mlproj.fs.Scratch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes planned files so that a failure or a signal leaves nothing behind: everything is first written
 * into a scratch directory ({@link Scratch}) outside the tree being written (beside a new project; in
 * the repository's git directory for {@code next}), then put in place by renames that a signal cannot
 * cut in half. Nothing is ever written through a symbolic link or outside the target, and {@code next}
 * never replaces a file: each one is created exclusively (a hard link, which fails on an existing name),
 * so a file that appears after the plan was made is left alone and the run takes its own files back out.
 * Permissions come from the umask, as for any file the user creates.
 */
public final class ProjectWriter {

    private static final Scratch SCRATCH = Scratch.process();
    private static final String PREVIOUS_RECORD = ".previous-record";

    private ProjectWriter() {
    }

    /**
     * What {@link #createProject} will do with a target, found without writing anything, so that a dry
     * run fails exactly as the real run would.
     *
     * @param exists   the target is an existing directory (written into in place, never replaced)
     * @param occupied it holds something (allowed only with {@code --force})
     * @param replaced the existing files the project will replace (only with {@code --force})
     */
    public record ProjectCheck(Path dir, boolean exists, boolean occupied, List<String> replaced) {
        public ProjectCheck {
            replaced = List.copyOf(replaced);
        }
    }

    /**
     * Checks a target for {@link #createProject}: a link, a file, a non-empty directory without
     * {@code force}, a link or a directory where {@code force} would replace a file are refused.
     */
    public static ProjectCheck checkProject(Path target, List<PlannedFile> files, boolean force) throws ScaffoldException {
        Path dir = target.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(dir)) {
            throw ScaffoldException.refused(target + " is a symbolic link; give the real directory");
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw ScaffoldException.refused(target + " exists and is not a directory");
        }
        if (dir.getParent() == null) {
            throw ScaffoldException.refused(target + " is the root of the file system; choose a directory for the project");
        }
        boolean exists = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
        boolean occupied = exists && !isEmpty(dir);
        if (occupied && !force) {
            throw ScaffoldException.refused(target + " exists and is not empty; nothing was written (use --force to write into it)");
        }
        List<String> replaced = new ArrayList<>();
        if (occupied) {
            for (PlannedFile f : files) {
                checkNoLinks(dir, f.path());
                Path at = dir.resolve(f.path());
                if (Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                    throw ScaffoldException.refused(target + ": " + f.path() + " is a directory; --force replaces files, not directories");
                }
                if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                    replaced.add(f.path());
                }
            }
        }
        return new ProjectCheck(dir, exists, occupied, replaced);
    }

    /**
     * Creates a new project at {@code target}. An absent target becomes the project in one rename; an
     * empty directory (the current one, a mount point) is filled in place and never removed; a non-empty
     * one is refused unless {@code force}, which replaces files at the same paths and leaves every other
     * file alone.
     */
    public static void createProject(Path target, List<PlannedFile> files, boolean force) throws ScaffoldException {
        ProjectCheck check = checkProject(target, files, force);
        Path dir = check.dir();
        Path parent = dir.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw ScaffoldException.failed("cannot create " + parent + ": " + describe(e));
        }
        SCRATCH.sweep(parent);
        Path staging = stage(parent, dir.getFileName().toString(), files, dir);
        try {
            if (!check.exists()) {
                SCRATCH.commit(() -> {
                    Files.move(staging, dir); // no REPLACE_EXISTING: a directory made meanwhile is not replaced
                    SCRATCH.forget(staging);
                    return null;
                });
            } else if (!check.occupied()) {
                fillInPlace(staging, dir);
            } else {
                replaceInto(target, dir, staging, files);
            }
        } catch (ScaffoldException e) {
            throw e;
        } catch (IOException e) {
            throw ScaffoldException.failed("cannot create " + target + ": " + describe(e));
        } finally {
            SCRATCH.delete(staging);
        }
    }

    /** Moves the staged entries into an existing empty directory, which stays the directory the user named. */
    private static void fillInPlace(Path staging, Path dir) throws IOException {
        SCRATCH.commit(() -> {
            List<Path> moved = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
                for (Path entry : entries) {
                    Path to = dir.resolve(entry.getFileName().toString());
                    moveNew(entry, to);
                    moved.add(to);
                }
            } catch (IOException e) {
                for (Path p : moved) {
                    Scratch.deleteTree(p);
                }
                throw e;
            }
            return null;
        });
    }

    /**
     * {@code --force}: a file at the same path is replaced (links and directories were refused by the
     * check). The file it replaces is first set aside beside the target, so that a failure can put
     * everything back.
     */
    private static void replaceInto(Path target, Path dir, Path staging, List<PlannedFile> files) throws IOException, ScaffoldException {
        Path previous = SCRATCH.createDirectory(dir.getParent(), dir.getFileName().toString());
        boolean[] keepPrevious = {false};
        try {
            SCRATCH.commit(() -> {
                List<Path> moved = new ArrayList<>();
                List<Path> createdDirs = new ArrayList<>();
                List<Path[]> setAside = new ArrayList<>(); // {original place, where it waits}
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
                        moveNew(staging.resolve(f.path()), to);
                        moved.add(to);
                    }
                } catch (IOException e) {
                    undo(moved, List.of());
                    for (Path[] pair : setAside) {
                        try {
                            move(pair[1], pair[0]);
                        } catch (IOException notBack) {
                            keepPrevious[0] = true;
                        }
                    }
                    undo(List.of(), createdDirs);
                    throw new IOException(describe(e)
                            + (keepPrevious[0] ? "; the files it had replaced are kept in " + previous : "; nothing was changed"), e);
                }
                return null;
            });
        } catch (IOException e) {
            throw ScaffoldException.failed("writing into " + target + " failed: " + e.getMessage());
        } finally {
            if (!keepPrevious[0]) {
                SCRATCH.delete(previous);
            } else {
                SCRATCH.forget(previous);
            }
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
     * {@code replaced} (mlproj's own record, which may exist). The record goes in first, by an atomic
     * rename, and the files after it: so the files are never in place without the record that marks
     * them as generated (which would let untouched scaffolding count as the author's work), whereas a
     * record listing a file not yet there claims nothing. A failure takes the files back out and then
     * puts the previous record back.
     */
    public static void addFiles(Path root, List<PlannedFile> files, PlannedFile replaced) throws ScaffoldException {
        addFiles(root, files, replaced, () -> { });
    }

    /** As above; {@code beforeCommit} runs between staging and the renames (tests create a clashing file there). */
    static void addFiles(Path root, List<PlannedFile> files, PlannedFile replaced, Runnable beforeCommit) throws ScaffoldException {
        Path dir = root.toAbsolutePath().normalize();
        Path existingRecord = checkAdd(root, files, replaced);
        List<PlannedFile> staged = new ArrayList<>(files);
        if (replaced != null) {
            staged.add(replaced);
        }
        NextLock.Place place = NextLock.place(dir);
        SCRATCH.sweep(place.scratchParent());
        Path staging = stage(place.scratchParent(), place.stem(), staged, dir);
        try {
            if (existingRecord != null) {
                // Kept beside the staged files, so that a failure can put it back with one rename.
                Files.copy(existingRecord, staging.resolve(PREVIOUS_RECORD), StandardCopyOption.COPY_ATTRIBUTES);
                copyPermissions(existingRecord, staging.resolve(replaced.path()));
            }
            beforeCommit.run();
            Path previousRecord = existingRecord == null ? null : staging.resolve(PREVIOUS_RECORD);
            SCRATCH.commit(() -> {
                commitAdd(dir, staging, files, replaced, previousRecord);
                return null;
            });
        } catch (FileAlreadyExistsException e) {
            String clash = e.getFile() == null ? "a planned file" : dir.relativize(Path.of(e.getFile())).toString();
            throw ScaffoldException.refused(clash + " was created by someone else while mlproj was"
                    + " writing; it was left alone and nothing of this run was kept");
        } catch (IOException e) {
            throw ScaffoldException.failed("adding files to " + root + " failed, nothing was kept: " + describe(e));
        } finally {
            SCRATCH.delete(staging);
        }
    }

    /**
     * The checks {@link #addFiles(Path, List, PlannedFile)} makes before it writes anything: no planned
     * path exists or passes through a link, the record (if it exists) is a regular file.
     *
     * @return the existing record, or null
     */
    public static Path checkAdd(Path root, List<PlannedFile> files, PlannedFile replaced) throws ScaffoldException {
        Path dir = root.toAbsolutePath().normalize();
        for (PlannedFile f : files) {
            checkNoLinks(dir, f.path());
            if (Files.exists(dir.resolve(f.path()), LinkOption.NOFOLLOW_LINKS)) {
                throw ScaffoldException.refused(f.path() + " exists now (it did not when the plan was made); nothing was written");
            }
        }
        if (replaced == null) {
            return null;
        }
        checkNoLinks(dir, replaced.path());
        Path existing = dir.resolve(replaced.path());
        if (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS)) {
            throw ScaffoldException.refused(replaced.path() + " exists and is not a regular file; nothing was written");
        }
        return existing;
    }

    private static void commitAdd(Path dir, Path staging, List<PlannedFile> files, PlannedFile record, Path previousRecord)
            throws IOException {
        List<Path> moved = new ArrayList<>();
        List<Path> createdDirs = new ArrayList<>();
        boolean recordIn = false;
        try {
            if (record != null) {
                Path to = dir.resolve(record.path());
                createParents(dir, to.getParent(), createdDirs);
                replace(staging.resolve(record.path()), to);
                recordIn = true;
            }
            for (PlannedFile f : files) {
                Path to = dir.resolve(f.path());
                createParents(dir, to.getParent(), createdDirs);
                moveNew(staging.resolve(f.path()), to);
                moved.add(to);
            }
        } catch (IOException e) {
            undo(moved, List.of());
            if (recordIn) {
                Path to = dir.resolve(record.path());
                try {
                    if (previousRecord != null) {
                        replace(previousRecord, to);
                    } else {
                        Files.deleteIfExists(to);
                    }
                } catch (IOException notBack) {
                    e.addSuppressed(notBack);
                }
            }
            undo(List.of(), createdDirs);
            throw e;
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

    /**
     * Puts a staged file or directory at {@code to}, which must not exist. A file is hard-linked (link(2)
     * fails on an existing name, so a file that appeared since the check is never replaced, and the file
     * appears whole) and its staged name removed; where links are not possible, it is copied with
     * exclusive creation. A directory is renamed after a check, as no call creates it exclusively.
     *
     * @throws FileAlreadyExistsException when {@code to} exists
     */
    private static void moveNew(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(from, to); // no REPLACE_EXISTING: refuses an existing target
            return;
        }
        try {
            Files.createLink(to, from);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(to.toString());
            }
            Files.copy(from, to); // O_EXCL: refuses an existing target
        }
        Files.delete(from);
    }

    /** The record keeps the permissions the user gave it. */
    private static void copyPermissions(Path from, Path to) {
        try {
            PosixFileAttributes attrs = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Files.getFileAttributeView(to, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(attrs.permissions());
        } catch (IOException | UnsupportedOperationException | NullPointerException ignored) {
            // not a POSIX file system: the umask's permissions
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

    /** Writes every file into a fresh scratch directory under {@code parent}. */
    private static Path stage(Path parent, String stem, List<PlannedFile> files, Path target) throws ScaffoldException {
        Path staging;
        try {
            staging = SCRATCH.createDirectory(parent, stem);
        } catch (IOException e) {
            throw ScaffoldException.failed("cannot write " + target + " (its files are staged in " + parent + "): " + describe(e));
        }
        try {
            for (PlannedFile f : files) {
                Path to = staging.resolve(f.path()).normalize();
                if (!to.startsWith(staging) || to.equals(staging)) {
                    throw ScaffoldException.refused(f.path() + " is outside the project");
                }
                if (SCRATCH.stopping()) {
                    throw new InterruptedIOException("interrupted; nothing was written");
                }
                // Never Files.createDirectories: if a shutdown hook has just removed the staging directory,
                // making it again would leave it behind.
                List<Path> unused = new ArrayList<>();
                createParents(staging, to.getParent(), unused);
                Files.write(to, f.content());
            }
            return staging;
        } catch (IOException e) {
            SCRATCH.delete(staging);
            throw ScaffoldException.failed("cannot write " + target + " (its files are staged in " + parent + "): " + describe(e));
        } catch (ScaffoldException e) {
            SCRATCH.delete(staging);
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

    /** Creates the missing directories between {@code root} (which must exist) and {@code dir}. */
    private static void createParents(Path root, Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !p.equals(root) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(0, p);
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(root.toString());
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
        Scratch.deleteTree(dir);
    }

    static String describe(IOException e) {
        String what = e.getClass().getSimpleName();
        return e.getMessage() == null ? what : what + ": " + e.getMessage();
    }
}
