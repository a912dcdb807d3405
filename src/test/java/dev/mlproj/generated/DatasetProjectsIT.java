package dev.mlproj.generated;

import dev.mlproj.testing.PackagedJar.Run;
import static dev.mlproj.testing.PackagedJar.mlproj;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlproj.testing.Python;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mlproj new --data} through the packaged jar, on three datasets of different tasks (binary
 * classification, regression, a daily time series; src/test/resources/datasets, made by make_datasets.py)
 * at levels 2, 3 and 4: each project's own tests pass offline with Debian's Python, and it assesses at
 * exactly the level it was generated for. Runs in the integration tier (failsafe), sequentially: each
 * project trains models.
 */
class DatasetProjectsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    static Stream<Arguments> projects() {
        List<Arguments> all = new ArrayList<>();
        for (int level = 2; level <= 4; level++) {
            all.add(Arguments.of("customers.csv", "churned", "classification", level));
            all.add(Arguments.of("houses.csv", "price", "regression", level));
            all.add(Arguments.of("daily_sales.csv", "sales", "forecast", level));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} ({2}) at level {3}")
    @MethodSource("projects")
    void generatesAProjectAroundTheDatasetThatPassesItsTestsAndAssessesAtItsLevel(String csv, String target, String task,
                                                                                  int level) throws Exception {
        Path data = Path.of("src/test/resources/datasets", csv).toAbsolutePath();
        Path dir = tmp.resolve(csv.replace(".csv", "") + "-l" + level);
        Run created = mlproj(tmp, "new", "my-project", "--level", String.valueOf(level), "--focus", "data",
                "--data", data.toString(), "--target", target, "--dir", dir.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.err()).as("the inferred task is reported").contains("task: " + task);
        assertThat(dir.resolve("data/raw").resolve(csv)).as("the dataset is copied into the project").hasSameBinaryContentAs(data);
        assertThat(dir.resolve(".git")).as("new initialises a git repository").isDirectory();

        assertThat(Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8)).doesNotContain("Worked sample")
                .contains("| " + target + " | ");
        String schema = Files.readString(dir.resolve("my_project/schema.py"), StandardCharsets.UTF_8);
        assertThat(schema).contains("TASK = \"" + task + "\"").contains("TARGET = \"" + target + "\"");

        Python.Run tests = Python.run(dir, "-m", "pytest", "-q", "-p", "no:cacheprovider");
        assertThat(tests.exitCode()).as("pytest in %s:%n%s", dir, tests.output()).isZero();
        assertThat(tests.output()).contains("passed").doesNotContain("skipped");

        Run assessed = mlproj(tmp, "assess", dir.toString(), "--format", "json");
        assertThat(assessed.exitCode()).as(assessed.err()).isZero();
        JsonNode report = JSON.readTree(assessed.out());
        assertThat(report.get("level").asInt()).as("assessed level; next: %s", report.get("next")).isEqualTo(level);
    }

}
