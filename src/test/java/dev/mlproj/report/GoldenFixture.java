package dev.mlproj.report;

import dev.mlproj.assess.Assessment;
import dev.mlproj.assess.Gate;
import dev.mlproj.assess.Evaluator;
import dev.mlproj.assess.ScaffoldStatus;
import dev.mlproj.config.ConfigException;
import dev.mlproj.rubric.Rubric;
import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.scan.ScanException;
import dev.mlproj.scan.Scanner;
import dev.mlproj.testing.FixtureRepo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The repository and rubric behind the report golden files: a level-1 project, judged by the small
 * rubric in src/test/resources/golden/rubric.yaml, with every outcome and kind of evidence in it.
 * Golden files are compared byte for byte; {@code -Dgolden.update=true} rewrites them after a deliberate change.
 */
final class GoldenFixture {

    static final Path DIR = Path.of("src/test/resources/golden");
    static final Path RUBRIC = DIR.resolve("rubric.yaml");

    private GoldenFixture() {
    }

    static Rubric rubric() {
        try {
            return new RubricLoader().load(List.of(RUBRIC));
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Three commits a week apart on the fixed clock; the README, a script, and near misses. */
    static Path repository(Path dir) {
        FixtureRepo repo = FixtureRepo.git(dir)
                .file("README.md", "# Churn\n\n## Problem\n\nCustomers leave; we predict who will, so the team can call them first.\n")
                .file("train.py", """
                        import pandas as pd
                        from sklearn.linear_model import LogisticRegression

                        df = pd.read_csv("data|<raw>&.csv")
                        model = LogisticRegression().fit(df[["a"]], df["y"])
                        model.fit(df[["a", "b"]], df["y"])
                        """)
                .commit("load and train");
        repo.file("tests/test_train.py", "def test_loads():\n    import train\n")
                .file("Dockerfile", "FROM python:3.11-slim\n")
                .commit("a test and a container");
        repo.file("configs/config.yaml", "")
                .file(".github/workflows/ci.yml", "jobs:\n  test: [unclosed\n")
                .commit("config and CI");
        return dir;
    }

    static Assessment assessment(Path dir) {
        Rubric rubric = rubric();
        try {
            return new Evaluator(rubric).evaluate(new Scanner().scan(repository(dir), RubricLoader.queries(rubric)), null)
                    .withScaffold(new ScaffoldStatus(List.of("Dockerfile", "configs/config.yaml"), false, null));
        } catch (ScanException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The assessment as a --min-level gate leaves it: with the gate's verdict attached. */
    static Assessment gated(Assessment a, Integer minLevel) {
        return minLevel == null ? a : a.withGate(Gate.judge(a, minLevel, null));
    }

    static ReportContext context(Integer minLevel) {
        return new ReportContext("churn", "file:///work/churn/", "1.2.3", "https://mlproj.example/docs", minLevel);
    }

    static ReportContext context(Integer minLevel, Provenance provenance) {
        return new ReportContext("churn", "file:///work/churn/", "1.2.3", "https://mlproj.example/docs", minLevel, provenance);
    }

    /** Compares with the golden file, or rewrites it when asked to. */
    static void assertGolden(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            throw new AssertionError("no golden file " + file + " (run with -Dgolden.update=true to create it)");
        }
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(actual)
                .as("%s differs; if the change is deliberate, rerun with -Dgolden.update=true and review the diff", file)
                .isEqualTo(expected);
    }
}
