package dev.mlproj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import dev.mlproj.testing.TreeSnapshot;
import dev.mlproj.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** --output writes a whole report or nothing, replaces only the path it was given, and never a device node. */
class OutputSafetyTest {

    @TempDir
    Path tmp;

    private Path repo() {
        return FixtureRepo.plain(tmp.resolve("repo")).file("train.py", "import pandas as pd\nfrom sklearn.linear_model import Ridge\n"
                + "df = pd.read_csv('d.csv')\nRidge().fit(df[['x']], df['y'])\n").root();
    }

    private Cli.Result assessTo(Path output) {
        return Cli.run("assess", "--format", "json", "--output", output.toString(), repo().toString());
    }

    @Test
    void aParentThatIsAFileFailsWithExitThreeAndLeavesNothing() throws Exception {
        Path file = Files.writeString(tmp.resolve("reports"), "not a directory");
        Cli.Result r = assessTo(file.resolve("assess.json"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).startsWith("mlproj: --output ").containsIgnoringCase("cannot write").containsIgnoringCase("not a directory").doesNotContain("\tat ");
        assertThat(Files.readString(file)).isEqualTo("not a directory");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("reports", "repo");
        }
    }

    @Test
    void anUnwritableDirectoryFailsWithExitThree() {
        // /proc refuses new entries even to root, which CI runs as.
        Cli.Result r = assessTo(Path.of("/proc/self/mlproj-report.json"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).contains("--output /proc/self/mlproj-report.json: cannot write");
        assertThat(Path.of("/proc/self/mlproj-report.json")).doesNotExist();
    }

    @Test
    void aDirectoryIsNeverReplaced() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("out"));
        Map<String, String> before = TreeSnapshot.of(dir);
        Cli.Result r = assessTo(dir);
        assertThat(r.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).contains("is a directory");
        assertThat(TreeSnapshot.of(dir)).isEqualTo(before);
    }

    @Test
    void aPreviousReportIsReplacedWholeAndNoTemporaryFileStays() throws Exception {
        Path report = Files.writeString(tmp.resolve("assess.json"), "{\"old\": true, \"padding\": \"" + "x".repeat(100_000) + "\"}");
        Cli.Result r = assessTo(report);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(Files.readString(report)).has("level")).isTrue();
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("assess.json", "repo");
        }
    }

    /** A report path inside a judged repository may be a link its author planted; the link is replaced, never followed. */
    @Test
    void aLinkAtTheOutputPathIsReplacedNotWrittenThrough(@TempDir Path outside) throws Exception {
        Path victim = Files.writeString(outside.resolve("victim.txt"), "keep me");
        Path link = Files.createSymbolicLink(tmp.resolve("mlproj.json"), victim);
        Cli.Result r = assessTo(link);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(victim)).isEqualTo("keep me");
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(Files.readString(link)).contains("\"level\"");
    }

    /** A named pipe (as /dev/stdout or a process substitution can be) is written to, not replaced by a file. */
    @Test
    void aNamedPipeIsWrittenToAsAStream() throws Exception {
        Path fifo = tmp.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(Files.readAllBytes(fifo), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Path link = Files.createSymbolicLink(tmp.resolve("stdout"), fifo);

        Cli.Result r = assessTo(link);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Waits.get(reader, "reading the pipe to its end")).contains("\"level\"");
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }
}
