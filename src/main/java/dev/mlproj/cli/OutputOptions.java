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
        try {
            writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserException(ExitCode.UNREADABLE, flag + " " + file + ": cannot write (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
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
        Path target = file.toAbsolutePath();
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
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
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
