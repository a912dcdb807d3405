package dev.mlproj.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** --output, --quiet, --verbose, --no-color: shared by every command that reports. */
public final class OutputOptions {

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE (atomically) instead of standard output.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "Print only the verdict line (text, markdown) and rely on the exit code; other formats stay whole.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Show all evidence and warnings.")
    boolean verbose;

    @Option(names = "--no-color", description = "Never colour the output (also: the NO_COLOR environment variable).")
    boolean noColor;

    boolean color() {
        return !noColor && output == null && System.getenv("NO_COLOR") == null && System.console() != null;
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

    /** Writes through a temporary file in the same directory and a rename, so no reader ever sees half of it. */
    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
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
}
