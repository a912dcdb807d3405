package dev.mlproj.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Special files for hostile-input tests: named pipes, sparse giants, and a guard against hanging on them. */
public final class Special {

    /**
     * Far above what any reproduction takes (each must end in seconds), so a slow machine never trips it;
     * it is there so that a regression that blocks on a pipe fails the build instead of hanging it.
     */
    public static final Duration HANG = Duration.ofMinutes(3);

    private Special() {
    }

    /** Makes a named pipe at {@code path} with mkfifo(1) (Linux CI has it; a missing tool fails the test). */
    public static Path fifo(Path path) throws IOException, InterruptedException {
        Files.deleteIfExists(path);
        Files.createDirectories(path.getParent());
        Process mk = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        if (!mk.waitFor(60, TimeUnit.SECONDS) || mk.exitValue() != 0) {
            throw new IOException("mkfifo " + path + " failed: " + new String(mk.getInputStream().readAllBytes()));
        }
        return path;
    }

    /** A sparse file of {@code bytes} bytes (zeros, taking no disk space). */
    public static Path sparse(Path path, long bytes) throws IOException {
        Files.deleteIfExists(path);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(bytes);
        }
        return path;
    }

    /** Runs the command line, failing (instead of hanging the build) if it blocks. */
    public static Cli.Result run(String... args) {
        return assertTimeoutPreemptively(HANG, () -> Cli.run(args), () -> "mlproj " + String.join(" ", args) + " did not end");
    }
}
