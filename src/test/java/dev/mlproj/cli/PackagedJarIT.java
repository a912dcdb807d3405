package dev.mlproj.cli;

import dev.mlproj.testing.PackagedJar.Run;
import static dev.mlproj.testing.PackagedJar.mlproj;
import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar a user installs, run as a user runs it (java -jar, a fresh JVM per command): what the unit tier,
 * running from target/classes, cannot see, such as the templates read from inside the jar by several
 * batch threads at once.
 */
class PackagedJarIT {

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

    /** Runs one run step of action.yml with bash, as the runner does, with {@code env} as its environment. */
    private static Run actionStep(Path dir, String id, java.util.Map<String, String> env) throws Exception {
        com.fasterxml.jackson.databind.JsonNode action = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(Path.of("action.yml").toFile());
        String script = null;
        for (com.fasterxml.jackson.databind.JsonNode step : action.get("runs").get("steps")) {
            if (step.has("id") && step.get("id").asText().equals(id)) {
                script = step.get("run").asText();
            }
        }
        assertThat(script).as("action.yml step " + id).isNotNull();
        Path file = Files.writeString(dir.resolve(id + ".sh"), script);
        // How the runner runs a composite step with shell: bash.
        ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", file.toString()).directory(dir.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        return new Run(code, Files.readString(out), Files.readString(err));
    }

    @Test
    void theActionDownloadsVerifiesAssessesAndGatesWithTheReleasedJar(@TempDir Path dir) throws Exception {
        String version = "v" + System.getProperty("mlproj.version");
        Path release = Files.createDirectories(dir.resolve("server/o/mlproj/releases/download/" + version));
        Path jar = Files.copy(Path.of(System.getProperty("mlproj.jar")), release.resolve("mlproj.jar"));
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        Files.writeString(release.resolve("mlproj.jar.sha256"), sha + "  mlproj.jar\n");
        Path temp = Files.createDirectories(dir.resolve("runner-temp"));
        Path outputs = dir.resolve("github-output");
        java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of(
                "INPUT_VERSION", "", "ACTION_REPOSITORY", "", "GITHUB_ACTION_PATH", Path.of("").toAbsolutePath().toString(),
                "GITHUB_SERVER_URL", dir.resolve("server").toUri().toString().replaceAll("/$", ""),
                "RUNNER_TEMP", temp.toString(), "GITHUB_OUTPUT", outputs.toString(),
                "GITHUB_STEP_SUMMARY", dir.resolve("summary.md").toString()));
        // GITHUB_ACTION_PATH is not under _actions/OWNER/REPO here, so the repository comes from ACTION_REPOSITORY.
        env.put("ACTION_REPOSITORY", "o/mlproj");
        Run install = actionStep(dir, "install", env);
        assertThat(install.exitCode()).as(install.err()).isZero();
        assertThat(install.out()).contains("mlproj.jar: OK", "mlproj " + System.getProperty("mlproj.version"));
        String installed = temp.resolve("mlproj-" + version).resolve("mlproj.jar").toString();
        assertThat(Files.readString(outputs)).contains("jar=" + installed);

        Path repo = notebookProject(dir.resolve("nb"));
        env.putAll(java.util.Map.of("MLPROJ_JAR", installed, "INPUT_PATH", repo.toString(), "INPUT_MIN_LEVEL", "1",
                "INPUT_FORMAT", "markdown, sarif,junit", "INPUT_BASELINE", ""));
        Files.writeString(outputs, "");
        Run assess = actionStep(dir, "assess", env);
        assertThat(assess.exitCode()).as(assess.err()).isZero();
        String written = Files.readString(outputs);
        java.util.regex.Matcher dirLine = java.util.regex.Pattern.compile("report-dir=(.*)\n").matcher(written);
        assertThat(dirLine.find()).as(written).isTrue();
        Path reports = Path.of(dirLine.group(1));
        assertThat(reports.getParent()).isEqualTo(temp);
        assertThat(written).contains("level=1\n", "gate=passed\n", "report-dir=" + reports, "sarif=" + reports.resolve("mlproj.sarif"));
        assertThat(reports.resolve("mlproj.junit.xml")).isRegularFile();
        assertThat(reports.resolve("mlproj.json")).isRegularFile();
        assertThat(Files.readString(dir.resolve("summary.md"))).startsWith("<!-- mlproj-report -->");

        // A failed gate still writes every report; the action's last step fails the job.
        env.put("INPUT_MIN_LEVEL", "3");
        Files.writeString(outputs, "");
        Run failed = actionStep(dir, "assess", env);
        assertThat(failed.exitCode()).as(failed.err()).isZero();
        assertThat(Files.readString(outputs)).contains("gate=failed\n");
        // A usage error stops the step with its own code.
        env.put("INPUT_MIN_LEVEL", "9");
        assertThat(actionStep(dir, "assess", env).exitCode()).isEqualTo(2);

        // A jar that does not match its checksum is refused.
        Files.write(jar, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        dev.mlproj.testing.TreeSnapshot.deleteTree(temp.resolve("mlproj-" + version));
        Run tampered = actionStep(dir, "install", env);
        assertThat(tampered.exitCode()).isNotZero();
        assertThat(tampered.out() + tampered.err()).contains("FAILED");
    }
}
