package dev.mlproj.cli;

import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar a user installs, run as a user runs it (java -jar, a fresh JVM per command): what the unit tier,
 * running from target/classes, cannot see, such as the templates read from inside the jar by several
 * batch threads at once.
 */
class PackagedJarIT {

    private record Run(int exitCode, String out, String err) { }

    private static Run mlproj(Path workDir, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("mlproj.jar");
        assertThat(jar).as("failsafe passes -Dmlproj.jar").isNotBlank();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        return new Run(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path notebookProject(Path dir) {
        return FixtureRepo.git(dir)
                .file("train.py", FixtureRepo.LEVEL_ONE_SCRIPT)
                .commit("start").root();
    }

    @Test
    void aGatedBatchReadsTheJarsTemplatesFromEveryThread(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("name,url\n");
        for (int i = 0; i < 6; i++) {
            Path repo = notebookProject(dir.resolve("repo" + i));
            csv.append("r").append(i).append(',').append(repo).append('\n');
        }
        Files.writeString(dir.resolve("cohort.csv"), csv);

        // The default --jobs, --min-level (which checks scaffold provenance against the jar's templates).
        Run run = mlproj(dir, "batch", "cohort.csv", "--min-level", "1", "--output-dir", "out");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> rows = Files.readAllLines(dir.resolve("out").resolve("results.csv"));
        assertThat(rows).hasSize(7);
        String header = rows.get(0);
        int error = List.of(header.split(",")).indexOf("error");
        assertThat(error).isNotNegative();
        for (String row : rows.subList(1, rows.size())) {
            assertThat(row.split(",", -1)[error]).as(row).isEmpty();
        }
    }

    @Test
    void newAndAGatedAssessWorkFromTheJar(@TempDir Path dir) throws Exception {
        Run created = mlproj(dir, "new", "shop", "--level", "3", "--focus", "architecture");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(dir.resolve("shop").resolve("Dockerfile")).isRegularFile();

        Run gate = mlproj(dir, "assess", "--format", "json", "--min-level", "1", notebookProject(dir.resolve("nb")).toString());
        assertThat(gate.exitCode()).as(gate.err()).isZero();
        assertThat(gate.out()).contains("\"level\"");
    }

    @Test
    void versionNamesTheBuildsCommit(@TempDir Path dir) throws Exception {
        Run version = mlproj(dir, "--version");
        assertThat(version.exitCode()).as(version.err()).isZero();
        String head = new String(new ProcessBuilder("git", "rev-parse", "HEAD").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).strip();
        assertThat(version.out()).startsWith("mlproj " + System.getProperty("mlproj.version") + " ").contains("(commit " + head);
    }

    @Test
    void aFileUrlIsAssessedInEveryFormatFromTheJar(@TempDir Path dir) throws Exception {
        Path repo = notebookProject(dir.resolve("nb"));
        String url = repo.toUri().toString();
        for (String format : List.of("text", "json", "markdown", "sarif", "junit", "csv", "badge")) {
            Run run = mlproj(dir, "assess", "--cache", dir.resolve("cache").toString(), "--format", format, "--min-level", "1", url);
            assertThat(run.exitCode()).as(format + ": " + run.err()).isZero();
            assertThat(run.out()).as(format).isNotBlank();
        }
        Run json = mlproj(dir, "assess", "--cache", dir.resolve("cache").toString(), "--format", "json", url);
        assertThat(json.out()).contains("\"commit\" : {", "\"id\" : \"");
    }
}
