package dev.mlproj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlproj.report.JsonReport;
import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {

    private static Path notebookProject(Path dir) {
        FixtureRepo.git(dir)
                .file("train.py", FixtureRepo.LEVEL_ONE_SCRIPT)
                .commit("start");
        return dir;
    }

    @Test
    void helpAndVersion() {
        Cli.Result help = Cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("assess", "rubric", "explain", "Exit codes");
        Cli.Result version = Cli.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("mlproj ");
    }

    @Test
    void badFlagIsAUsageError() {
        Cli.Result r = Cli.run("assess", "--frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--frobnicate'").contains("--help");
        assertThat(Cli.run("assess", "--format", "yaml", ".").exitCode()).isEqualTo(2);
        assertThat(Cli.run("assess", "--min-level", "9", ".").err()).contains("--min-level must be between 0 and 5");
    }

    @Test
    void missingRepositoryExitsThree(@TempDir Path dir) {
        Cli.Result r = Cli.run("assess", dir.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("nope: no such file or directory");
    }

    @Test
    void textReportFitsEightyColumns(@TempDir Path dir) {
        Cli.Result r = Cli.run("assess", "--no-color", notebookProject(dir).toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Level 1: Notebook experiments");
        assertThat(r.out()).contains("Progress by level", "Focus:", "Next: to reach Level 2", "Walkthrough readiness");
        assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        assertThat(r.out()).doesNotContain("\u001b[");
    }

    @Test
    void jsonFollowsTheContract(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run("assess", "--format", "json", notebookProject(dir).toString());
        assertThat(r.exitCode()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("schemaVersion").asText()).isEqualTo(JsonReport.SCHEMA_VERSION);
        assertThat(json.get("level").asInt()).isEqualTo(1);
        assertThat(json.get("progress").fieldNames()).toIterable().containsExactly("1", "2", "3", "4", "5");
        assertThat(json.get("focus").get("dominant").isTextual()).isTrue();
        assertThat(json.get("focus").get("shares").fieldNames()).toIterable().containsExactly("data", "models", "architecture", "product");
        assertThat(json.get("roles").isArray()).isTrue();
        JsonNode first = json.get("criteria").get(0);
        for (String key : new String[] {"id", "title", "level", "focus", "outcome", "evidence", "fix"}) {
            assertThat(first.has(key)).as(key).isTrue();
        }
        JsonNode trains = null;
        for (JsonNode c : json.get("criteria")) {
            if (c.get("id").asText().equals("L1-trains-model")) {
                trains = c;
            }
        }
        assertThat(trains.get("outcome").asText()).isEqualTo("met");
        assertThat(trains.get("evidence").get(0).get("path").asText()).isEqualTo("train.py");
        assertThat(trains.get("evidence").get(0).get("line").asInt()).isEqualTo(8);
        assertThat(json.get("next").isArray()).isTrue();
        assertThat(json.get("next").get(0).asText()).startsWith("L2-");
    }

    @Test
    void gateFailsBelowMinLevelAndPassesAtIt(@TempDir Path dir) {
        Path repo = notebookProject(dir);
        Cli.Result fail = Cli.run("assess", "--quiet", "--min-level", "2", repo.toString());
        assertThat(fail.exitCode()).isEqualTo(1);
        assertThat(fail.err()).contains("gate failed: level 1 is below --min-level 2");
        assertThat(Cli.run("assess", "--quiet", "--min-level", "1", repo.toString()).exitCode()).isZero();
    }

    @Test
    void outputIsWrittenWhole(@TempDir Path dir, @TempDir Path out) throws Exception {
        Path report = out.resolve("reports/assess.json");
        Cli.Result r = Cli.run("assess", "--format", "json", "--output", report.toString(), notebookProject(dir).toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(new ObjectMapper().readTree(Files.readString(report)).get("level").asInt()).isEqualTo(1);
        try (var files = Files.list(report.getParent())) {
            assertThat(files).containsExactly(report);
        }
    }

    @Test
    void explainAndRubricCommands() {
        Cli.Result explain = Cli.run("explain", "L3-docker");
        assertThat(explain.exitCode()).isZero();
        assertThat(explain.out()).contains("Why it matters", "How it is detected", "How to satisfy it", "seed 000");
        Cli.Result unknown = Cli.run("explain", "docker");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown criterion 'docker'; did you mean L3-docker");
        assertThat(Cli.run("rubric", "list").out()).contains("Level 5: Frontier research", "Walkthrough readiness");
        assertThat(Cli.run("rubric", "show", "L2-tests").out()).contains("Defined in rubrics/mlproj.yaml");
        assertThat(Cli.run("rubric", "patterns").out().lines().count()).isGreaterThan(50);
    }

    @Test
    void aRubricFileExtendsTheBuiltinOne(@TempDir Path dir, @TempDir Path rubricDir) throws Exception {
        Path rubric = rubricDir.resolve("team.yaml");
        Files.writeString(rubric, """
                rubric: team
                extends: builtin
                criteria:
                  - id: TEAM-uses-pandas-profiling
                    title: Data profiled with ydata-profiling
                    level: 2
                    focus: data
                    why: The team profiles every dataset.
                    source: 'seed 000, Level 2: "Level two projects involve working with messier, more realistic data"'
                    detection: ProfileReport in code.
                    detect: {python: '\\bProfileReport\\s*\\('}
                    fix: Profile the data with ydata-profiling.
                """);
        Path repo = notebookProject(dir);
        Files.writeString(repo.resolve("profile.py"), "import pandas as pd\nfrom ydata_profiling import ProfileReport\nProfileReport(pd.read_csv('d.csv'))\n");

        Cli.Result r = Cli.run("assess", "--format", "json", "--rubric", rubric.toString(), repo.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("rubric").asText()).isEqualTo("team");
        assertThat(json.get("criteria").findValuesAsText("id")).contains("TEAM-uses-pandas-profiling", "L3-docker");
        for (JsonNode c : json.get("criteria")) {
            if (c.get("id").asText().equals("TEAM-uses-pandas-profiling")) {
                assertThat(c.get("outcome").asText()).isEqualTo("met");
                assertThat(c.get("evidence").get(0).get("line").asInt()).isEqualTo(3);
            }
        }
        Cli.Result invalid = Cli.run("assess", "--rubric", rubricDir.resolve("missing.yaml").toString(), repo.toString());
        assertThat(invalid.exitCode()).isEqualTo(2);
    }
}
