package dev.mlproj.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/** --output, --quiet, --verbose, --no-color: shared by every command that reports. */
public final class OutputOptions {

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE (atomically) instead of standard output.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "Print only the verdict line of a report for people and rely on the exit code; machine formats stay whole.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Show all evidence and warnings.")
    boolean verbose;

    @Option(names = "--no-color", description = "Never colour the output (also: the NO_COLOR environment variable, when not empty).")
    boolean noColor;

    boolean color() {
        return color(noColor, output != null, System.getenv("NO_COLOR"), System.console() != null);
    }

    /** Colour only on a terminal, never into a file, and never when NO_COLOR is set to a non-empty value (no-color.org). */
    static boolean color(boolean noColor, boolean toFile, String noColorEnv, boolean terminal) {
        return !noColor && !toFile && (noColorEnv == null || noColorEnv.isEmpty()) && terminal;
    }

    /** Writes the report: to FILE through a temporary file and a rename, so no reader ever sees half of it. */
    void emit(String content, PrintWriter out) {
        emit(output, content, out);
    }

    /**
     * Writes the report of a command that judged {@code repository}: a FILE inside it is written with no
     * link followed, neither at FILE nor on the way to it from the repository's top, and never into a
     * device or pipe (all of which its author may have planted).
     */
    void emit(String content, PrintWriter out, Path repository) {
        if (output == null) {
            emit(null, content, out);
            return;
        }
        write(output, content, "--output", repository);
    }

    /** Writes {@code content} to {@code output} atomically, or to {@code out} when no file is named. */
    static void emit(Path output, String content, PrintWriter out) {
        if (output == null) {
            out.print(content);
            out.flush();
            return;
        }
        write(output, content, "--output");
    }

    /** Writes {@code file} atomically; a failure is exit 3, naming the flag that chose the file. */
    static void write(Path file, String content, String flag) {
        write(file, content, flag, null);
    }

    /** As {@link #write(Path, String, String)}, with no link followed inside {@code repository} (null: none judged). */
    static void write(Path file, String content, String flag, Path repository) {
        try {
            writeAtomically(file, content.getBytes(StandardCharsets.UTF_8), repository);
        } catch (IOException e) {
            throw new UserException(ExitCode.UNREADABLE, flag + " " + file + ": cannot write (" + why(file, e) + ")");
        }
    }

    /** Why a write failed, in words: the path at fault when it is not the file itself, and the reason. */
    private static String why(Path file, IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String at = f.getFile() == null || f.getFile().equals(file.toAbsolutePath().normalize().toString()) ? "" : f.getFile() + ": ";
            return at + f.getReason();
        }
        if (e instanceof NotDirectoryException f) {
            return f.getFile() + ": Not a directory";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /**
     * Writes through a temporary file in the same directory and a rename, so no reader ever sees half of
     * it. The rename replaces the path itself and never writes through a symbolic link there (a report
     * path inside a judged repository may be a link its author planted). Two exceptions: a directory is
     * refused, and a character device or named pipe (/dev/stdout, /dev/null, a process substitution),
     * reached directly or through links, is written to as a stream, because a rename would replace the
     * device node itself.
     */
    static void writeAtomically(Path file, byte[] content) throws IOException {
        writeAtomically(file, content, null);
    }

    /**
     * As {@link #writeAtomically(Path, byte[])}; when the file is inside {@code repository} (the judged one,
     * or null) nothing there is trusted: a symbolic link at the file or on the way to it from the
     * repository's top, and a device or pipe at the file, are refused with the path that is at fault.
     */
    static void writeAtomically(Path file, byte[] content, Path repository) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        if (repository != null) {
            Path top = repository.toAbsolutePath().normalize();
            Path realTop = top;
            try {
                realTop = repository.toRealPath();
            } catch (IOException e) {
                // judged already: it exists; if not, the lexical form is all there is
            }
            if (target.startsWith(top) && !target.equals(top)) {
                checkInsideRepository(top, target);
            } else if (target.startsWith(realTop) && !target.equals(realTop)) {
                checkInsideRepository(realTop, target);
            }
        }
        int type = fileType(target, LinkOption.NOFOLLOW_LINKS);
        int resolved = type == S_IFLNK ? fileType(target) : type;
        if (resolved == S_IFDIR) {
            throw new FileSystemException(target.toString(), null, "is a directory");
        }
        if (resolved == S_IFCHR || resolved == S_IFIFO) {
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                out.write(content);
            }
            return;
        }
        if (type != S_IFREG && type != S_IFLNK && type != NONE) {
            throw new FileSystemException(target.toString(), null, "is not a regular file");
        }
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new NotDirectoryException(e.getFile());
        }
        Path temp = createTemp(dir, target.getFileName().toString());
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                out.write(content);
            }
            if (type == S_IFREG) {
                keepPermissions(target, temp);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The temporary file beside the target, created new with no permissions given, so it gets the process's
     * umask (0666 &amp; ~umask, like any file a shell redirection makes), not {@code createTempFile}'s 0600.
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + Long.toUnsignedString(random.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** A report replacing a file keeps that file's permissions (a 0644 report stays 0644). */
    private static void keepPermissions(Path replaced, Path temp) throws IOException {
        try {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(replaced, LinkOption.NOFOLLOW_LINKS));
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions here (Windows): the new file's defaults stand
        }
    }

    /**
     * Refuses an output inside the judged repository that a planted link or special file could redirect:
     * each existing directory from the repository's top down to the file must be a real directory, and the
     * file, if it exists, a regular file.
     */
    private static void checkInsideRepository(Path top, Path target) throws IOException {
        Path at = top;
        Path relative = top.relativize(target);
        for (int i = 0; i < relative.getNameCount(); i++) {
            at = at.resolve(relative.getName(i));
            int type = fileType(at, LinkOption.NOFOLLOW_LINKS);
            boolean last = i == relative.getNameCount() - 1;
            if (type == NONE) {
                return; // created by the write, as a real directory or file
            }
            if (type == S_IFLNK) {
                throw new FileSystemException(at.toString(), null, "a symbolic link inside the assessed repository, which an output is"
                        + " never written through; remove it or write elsewhere");
            }
            if (last && type != S_IFREG) {
                throw new FileSystemException(at.toString(), null, type == S_IFDIR ? "is a directory"
                        : "not a regular file (a device, pipe or socket inside the assessed repository); remove it or write elsewhere");
            }
            if (!last && type != S_IFDIR) {
                throw new NotDirectoryException(at.toString());
            }
        }
    }

    private static final int NONE = 0;
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    /** The POSIX file type bits of {@code path} (S_IF...), or NONE when nothing is there (or a link is dangling). */
    private static int fileType(Path path, LinkOption... options) throws IOException {
        try {
            return ((Integer) Files.getAttribute(path, "unix:mode", options)) & S_IFMT;
        } catch (NoSuchFileException e) {
            return NONE;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // No unix view (Windows): regular files, directories and links are all that can be told apart.
            if (!Files.exists(path, options)) {
                return NONE;
            }
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, options);
            return attrs.isDirectory() ? S_IFDIR : attrs.isSymbolicLink() ? S_IFLNK : attrs.isRegularFile() ? S_IFREG : S_IFCHR;
        }
    }
}
