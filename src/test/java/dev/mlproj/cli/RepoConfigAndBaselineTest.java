package dev.mlproj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlproj.report.Sarif;
import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository's .mlproj.yaml and the --baseline ratchet, through the real command line. */
class RepoConfigAndBaselineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Level 1: a script that loads, explores, cleans, trains and evaluates, runnable as a program (level 2's
     * defining practice, a runnable pipeline, without the rest of level 2); committed once.
     */
    private static FixtureRepo notebookProject(Path dir) {
        return FixtureRepo.git(dir)
                .file("train.py", FixtureRepo.LEVEL_ONE_SCRIPT + """

                        if __name__ == "__main__":
                            print("trained")
                        """)
                .commit("start");
    }

    private static JsonNode assessJson(Path repo, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("assess", "--format", "json"));
        args.addAll(List.of(extra));
        args.add(repo.toString());
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
        return JSON.readTree(r.out());
    }

    private static JsonNode criterion(JsonNode report, String id) {
        for (JsonNode c : report.get("criteria")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no criterion " + id);
    }

    /** Every unmet level-2 criterion of the fixture, waived: enough to lift the shown level to 2. */
    private static String waiveUnmetLevelTwo(JsonNode report) {
        StringBuilder yaml = new StringBuilder("focus: models\nwaivers:\n");
        for (JsonNode c : report.get("criteria")) {
            if (c.get("level").asInt() == 2 && c.get("outcome").asText().equals("unmet")) {
                yaml.append("  - criterion: ").append(c.get("id").asText())
                        .append("\n    reason: Out of scope for this deliberately tiny fixture.\n");
            }
        }
        return yaml.toString();
    }

    @Test
    void waiversAreShownWithTheirReasonAndCanNeverLowerAGate(@TempDir Path dir) throws Exception {
        Path repo = notebookProject(dir).root();
        JsonNode plain = assessJson(repo);
        assertThat(plain.get("level").asInt()).isEqualTo(1);
        assertThat(plain.get("config").isNull()).isTrue();
        Files.writeString(repo.resolve(".mlproj.yaml"), waiveUnmetLevelTwo(plain));

        JsonNode waived = assessJson(repo);
        assertThat(waived.get("level").asInt()).as("waived criteria leave the denominator").isEqualTo(2);
        assertThat(waived.at("/config/levelWithoutConfig").asInt()).isEqualTo(1);
        assertThat(waived.at("/focus/dominant").asText()).isEqualTo("models");
        assertThat(waived.at("/focus/declared").asBoolean()).isTrue();
        JsonNode tests = criterion(waived, "L2-tests");
        assertThat(tests.get("outcome").asText()).isEqualTo("waived");
        assertThat(tests.at("/evidence/0/path").asText()).isEqualTo(".mlproj.yaml");
        assertThat(tests.at("/evidence/0/detail").asText()).startsWith("waived: Out of scope");
        assertThat(waived.get("next").findValuesAsText("id")).doesNotContain("L2-tests");

        Cli.Result text = Cli.run("assess", repo.toString());
        assertThat(text.out()).contains("Repository configuration: .mlproj.yaml", "waived L2-tests", "Without it the level would be 1");

        Cli.Result gate = Cli.run("assess", "--quiet", "--min-level", "2", repo.toString());
        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.err()).contains("level 1 (2 with the repository's .mlproj.yaml, which cannot lower a gate) is below --min-level 2");
        assertThat(Cli.run("assess", "--quiet", "--min-level", "1", repo.toString()).exitCode()).isZero();
    }

    @Test
    void aWaiverOfAMetCriterionIsReportedAsChangingNothing(@TempDir Path dir) throws Exception {
        Path repo = notebookProject(dir).root();
        Files.writeString(repo.resolve(".mlproj.yaml"), """
                waivers:
                  - criterion: L1-trains-model
                    reason: Written before the model existed, now stale.
                """);
        JsonNode report = assessJson(repo);
        assertThat(criterion(report, "L1-trains-model").get("outcome").asText()).isEqualTo("met");
        assertThat(report.get("warnings").toString()).contains(".mlproj.yaml:2: the waiver of L1-trains-model changes nothing: the criterion is met");
    }

    @Test
    void aBadConfigurationIsAUsageErrorWithItsPosition(@TempDir Path dir) {
        Path repo = notebookProject(dir).root();
        FixtureRepo.plain(repo).file(".mlproj.yaml", "focus: data\nwaivers:\n  - criterion: L3-docker\n    reason: [not, text]\n");
        Cli.Result r = Cli.run("assess", repo.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(".mlproj.yaml:4:13: 'reason' must be a string").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();

        FixtureRepo.plain(repo).file(".mlproj.yaml", "waivers:\n  - {criterion: L3-dockr, reason: \"Typo in the criterion id.\"}\n");
        Cli.Result typo = Cli.run("assess", repo.toString());
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains(".mlproj.yaml:2:5: waiver of unknown criterion 'L3-dockr'");
    }

    @Test
    void repositoryRubricsMayAddCriteriaButNeverReplaceTheRubric(@TempDir Path dir) throws Exception {
        Path repo = notebookProject(dir).root();
        FixtureRepo.plain(repo)
                .file("ci/team.yaml", """
                        rubric: team
                        extends: builtin
                        criteria:
                          - id: TEAM-profiling
                            title: Data profiled with ydata-profiling
                            level: 1
                            focus: data
                            why: The team profiles every dataset.
                            source: 'seed 000, Level 2: "Level two projects involve working with messier, more realistic data"'
                            detection: ProfileReport in code.
                            detect: {python: '\\bProfileReport\\s*\\('}
                            fix: Profile the data with ydata-profiling.
                        """)
                .file(".mlproj.yaml", "rubrics: [ci/team.yaml]\n");
        JsonNode report = assessJson(repo);
        assertThat(criterion(report, "TEAM-profiling").get("outcome").asText()).isEqualTo("unmet");
        assertThat(report.at("/config/rubrics/0").asText()).isEqualTo("ci/team.yaml");

        FixtureRepo.plain(repo).file("ci/easy.yaml", "rubric: easy\nlevels: []\nfocusAreas: []\nrule: {}\n")
                .file(".mlproj.yaml", "rubrics: [ci/easy.yaml]\n");
        Cli.Result replace = Cli.run("assess", repo.toString());
        assertThat(replace.exitCode()).isEqualTo(2);
        assertThat(replace.err()).contains("easy.yaml:1:1: a rubric named in a repository's .mlproj.yaml must say 'extends: builtin'");
    }

    @Test
    void theBaselineRatchetFailsOnlyWhenSomethingMetIsLost(@TempDir Path dir, @TempDir Path out) throws Exception {
        FixtureRepo fixture = notebookProject(dir);
        Path repo = fixture.root();
        Path baseline = out.resolve("baseline.json");
        assertThat(Cli.run("assess", "--format", "json", "--output", baseline.toString(), repo.toString()).exitCode()).isZero();

        Cli.Result same = Cli.run("assess", "--quiet", "--baseline", baseline.toString(), repo.toString());
        assertThat(same.exitCode()).as(same.err()).isZero();

        fixture.file("tests/test_train.py", """
                import pandas as pd

                def test_frame_shape():
                    df = pd.DataFrame({"x": [1.0, None, 3.0]})
                    assert df.shape == (3, 1)

                def test_frame_keeps_rows():
                    assert len(pd.DataFrame({"x": [1, 2]})) == 2

                def test_read_csv_header(tmp_path):
                    (tmp_path / "d.csv").write_text("x,y\\n1,0\\n")
                    assert list(pd.read_csv(tmp_path / "d.csv").columns) == ["x", "y"]
                """).commit("tests");
        JsonNode better = assessJson(repo, "--baseline", baseline.toString());
        assertThat(better.at("/gate/passed").asBoolean()).isTrue();
        assertThat(better.at("/gate/gains").toString()).contains("L2-tests");

        fixture.file("train.py", Files.readString(repo.resolve("train.py")).replace("df = df.fillna(df.mean())\n", "")).commit("less");
        Cli.Result worse = Cli.run("assess", "--quiet", "--baseline", baseline.toString(), repo.toString());
        assertThat(worse.exitCode()).isEqualTo(1);
        assertThat(worse.err()).contains("criteria met in " + baseline + " are no longer met: L1-missing-values");

        // Waiving what the baseline met does not get it past the ratchet either.
        fixture.file(".mlproj.yaml", "waivers:\n  - {criterion: L1-missing-values, reason: \"Not needed, we say, to pass the gate.\"}\n");
        Cli.Result waived = Cli.run("assess", "--quiet", "--baseline", baseline.toString(), repo.toString());
        assertThat(waived.exitCode()).isEqualTo(1);
        assertThat(waived.err()).contains("no longer met: L1-missing-values");
    }

    @Test
    void aBaselineThatIsNotAReportIsAUsageErrorAndAMissingOneUnreadable(@TempDir Path dir, @TempDir Path out) throws Exception {
        Path repo = notebookProject(dir).root();
        Path bad = out.resolve("bad.json");
        Files.writeString(bad, "{\n  \"schemaVersion\": \"1.0\",\n  \"level\": 9\n}\n");
        Cli.Result wrongLevel = Cli.run("assess", "--baseline", bad.toString(), repo.toString());
        assertThat(wrongLevel.exitCode()).isEqualTo(2);
        assertThat(wrongLevel.err()).contains("--baseline " + bad + ":3:12: 'level' must be an integer from 0 to 5");

        Files.writeString(bad, "{\"schemaVersion\": \"1.0\", \"level\": 1,\n \"criteria\": [\n");
        Cli.Result truncated = Cli.run("assess", "--baseline", bad.toString(), repo.toString());
        assertThat(truncated.exitCode()).isEqualTo(2);
        assertThat(truncated.err()).contains(bad + ":").contains("syntax error");

        Files.writeString(bad, "[1, 2]\n");
        assertThat(Cli.run("assess", "--baseline", bad.toString(), repo.toString()).err()).contains("not an mlproj JSON report");

        Cli.Result missing = Cli.run("assess", "--baseline", out.resolve("none.json").toString(), repo.toString());
        // Issue 16.17: like a missing --rubric, a usage error (it was 3).
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("none.json: no such file");
    }

    @Test
    void waiversAndTheGateReachEveryFormat(@TempDir Path dir) throws Exception {
        Path repo = notebookProject(dir).root();
        Files.writeString(repo.resolve(".mlproj.yaml"), waiveUnmetLevelTwo(assessJson(repo)));

        Cli.Result sarif = Cli.run("assess", "--format", "sarif", "--min-level", "2", repo.toString());
        assertThat(sarif.exitCode()).isEqualTo(1);
        assertThat(Sarif.violations(sarif.out())).isEmpty();
        JsonNode log = JSON.readTree(sarif.out());
        JsonNode waivedResult = null;
        for (JsonNode result : log.at("/runs/0/results")) {
            if (result.get("ruleId").asText().equals("L2-tests")) {
                waivedResult = result;
            }
        }
        assertThat(waivedResult).as("the waived criterion is still a result").isNotNull();
        assertThat(waivedResult.at("/suppressions/0/kind").asText()).isEqualTo("external");
        assertThat(waivedResult.at("/suppressions/0/justification").asText()).contains("Out of scope");
        assertThat(log.at("/runs/0/invocations/0/properties/gatePassed").asBoolean()).isFalse();

        Cli.Result junit = Cli.run("assess", "--format", "junit", repo.toString());
        assertThat(junit.out()).contains("name=\"L2-tests ").contains("waived: Out of scope");

        Cli.Result markdown = Cli.run("assess", "--format", "markdown", "--min-level", "2", repo.toString());
        assertThat(markdown.out()).contains("waived `L2-tests`", "❌ Gate failed at level 1",
                "is below --min-level 2");

        Cli.Result csv = Cli.run("assess", "--format", "csv", repo.toString());
        assertThat(csv.out()).contains("L2-tests").contains(",waived,");
    }
}
