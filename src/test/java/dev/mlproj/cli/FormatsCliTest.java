package dev.mlproj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlproj.report.CsvReport;
import dev.mlproj.report.RubricExport;
import dev.mlproj.report.JUnitXml;
import dev.mlproj.report.Sarif;
import dev.mlproj.rubric.Rubric;
import dev.mlproj.testing.Assess;
import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every report format through the real command line: output, --output, --quiet, the gate and exit codes. */
class FormatsCliTest {

    @TempDir
    static Path shared;

    static Path repo;

    @BeforeAll
    static void notebookProject() {
        repo = FixtureRepo.git(shared.resolve("repo"))
                .file("README.md", "# Survival\n\n## Problem\n\nWho survives, and why.\n")
                .file("train.py", """
                        import pandas as pd
                        from sklearn.linear_model import LogisticRegression

                        df = pd.read_csv("data.csv")
                        df = df.fillna(df.mean())
                        print(df.describe())
                        model = LogisticRegression().fit(df[["x"]], df["y"])
                        """)
                .file("Dockerfile", "FROM python:3.11-slim\n")
                .commit("start")
                .root();
    }

    @ParameterizedTest
    @EnumSource(AssessCommand.Format.class)
    void everyFormatGatesAndExitsTheSameWay(AssessCommand.Format format) {
        Cli.Result pass = Cli.run("assess", "--format", format.name(), "--min-level", "1", repo.toString());
        assertThat(pass.exitCode()).as(pass.err()).isZero();
        assertThat(pass.out()).isNotBlank();
        assertThat(pass.err()).isEmpty();
        Cli.Result fail = Cli.run("assess", "--format", format.name(), "--min-level", "2", repo.toString());
        assertThat(fail.exitCode()).isEqualTo(1);
        assertThat(fail.err()).contains("gate failed: level 1 is below --min-level 2");
        assertThat(fail.out()).isNotBlank();
        Cli.Result missing = Cli.run("assess", "--format", format.name(), shared.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.out()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(AssessCommand.Format.class)
    void everyFormatIsWrittenWholeToOutput(AssessCommand.Format format, @TempDir Path out) throws Exception {
        Path file = out.resolve("reports/mlproj." + format.name());
        Cli.Result r = Cli.run("assess", "--format", format.name(), "--no-color", "--output", file.toString(), repo.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
        Cli.Result stdout = Cli.run("assess", "--format", format.name(), "--no-color", repo.toString());
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(stdout.out());
    }

    @Test
    void severalFormatsFromOneScanGoToOutputDir(@TempDir Path out) throws Exception {
        Path dir = out.resolve("reports");
        Cli.Result r = Cli.run("assess", "--format", "json,sarif,markdown,junit,csv,badge,text", "--min-level", "2",
                "--output-dir", dir.toString(), repo.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("gate failed");
        assertThat(r.out()).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "mlproj.json", "mlproj.sarif", "mlproj.md", "mlproj.junit.xml", "mlproj.csv", "mlproj.svg", "mlproj.txt");
        }
        for (AssessCommand.Format format : AssessCommand.Format.values()) {
            assertThat(Files.readString(dir.resolve("mlproj." + format.extension))).as(format.name())
                    .isEqualTo(Cli.run("assess", "--format", format.name(), "--no-color", "--min-level", "2", repo.toString()).out());
        }
        Cli.Result noDir = Cli.run("assess", "--format", "json,sarif", repo.toString());
        assertThat(noDir.exitCode()).isEqualTo(2);
        assertThat(noDir.err()).contains("--output-dir");
        Cli.Result both = Cli.run("assess", "--format", "json", "--output", out.resolve("x").toString(), "--output-dir", dir.toString(), repo.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(Cli.run("assess", "--format", "json,yaml", "--output-dir", dir.toString(), repo.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void quietShortensOnlyTheReportsForPeople() {
        assertThat(Cli.run("assess", "--quiet", repo.toString()).out())
                .isEqualTo("Level 1: Notebook experiments, " + percentOfLevel2() + "% of Level 2\n");
        assertThat(Cli.run("assess", "--quiet", "--format", "markdown", repo.toString()).out())
                .startsWith("**mlproj: Level 1, Notebook experiments**").hasLineCount(1);
        for (String format : List.of("json", "sarif", "junit", "csv", "badge")) {
            assertThat(Cli.run("assess", "--quiet", "--format", format, repo.toString()).out()).as(format)
                    .isEqualTo(Cli.run("assess", "--format", format, repo.toString()).out());
        }
    }

    private static long percentOfLevel2() {
        return Math.round(Assess.assess(repo).progressOf(2).fraction() * 100);
    }

    @Test
    void sarifAndJUnitOfEveryExampleValidateAtEveryGate() throws Exception {
        List<Path> examples;
        try (Stream<Path> dirs = Files.list(Path.of("examples"))) {
            examples = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(6);
        for (Path example : examples) {
            for (String gate : List.of("1", "5")) {
                Cli.Result r = Cli.run("assess", "--format", "sarif", "--min-level", gate, example.toString());
                assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
                assertThat(Sarif.violations(r.out())).as(example + " at --min-level " + gate).isEmpty();
                assertThat(Sarif.githubViolations(r.out())).as(example + " at --min-level " + gate).isEmpty();
                if (r.exitCode() == 0) {
                    assertThat(r.out()).as("a passing gate uploads no error").doesNotContain("\"level\" : \"error\"");
                }
                Cli.Result junit = Cli.run("assess", "--format", "junit", "--min-level", gate, example.toString());
                assertThat(JUnitXml.violations(junit.out())).as(example + " at --min-level " + gate).isEmpty();
                if (junit.exitCode() == 0) {
                    assertThat(junit.out()).as("a passing gate reports no failure").doesNotContain("<failure");
                }
            }
            Cli.Result plain = Cli.run("assess", "--format", "sarif", example.toString());
            assertThat(Sarif.violations(plain.out())).as(example.toString()).isEmpty();
            assertThat(Sarif.githubViolations(plain.out())).as(example.toString()).isEmpty();
        }
    }

    @Test
    void sarifPointsAtTheNearMissAndNamesTheAssessedLevel() throws Exception {
        JsonNode run = new ObjectMapper().readTree(Cli.run("assess", "--format", "sarif", "--min-level", "3", repo.toString()).out())
                .get("runs").get(0);
        assertThat(run.get("invocations").get(0).get("properties").get("level").asInt()).isEqualTo(1);
        assertThat(run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText())
                .isEqualTo(repo.toAbsolutePath().normalize().toUri().toString());
        JsonNode docker = null;
        for (JsonNode result : run.get("results")) {
            if (result.get("ruleId").asText().equals("L3-docker")) {
                docker = result;
            }
        }
        assertThat(docker.get("level").asText()).isEqualTo("error");
        assertThat(docker.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText()).isEqualTo("Dockerfile");
    }

    @Test
    void junitOfTheBuiltinRubricParsesWithOneCasePerCriterion() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Cli.run("assess", "--format", "junit", "--min-level", "3", repo.toString()).out().getBytes(StandardCharsets.UTF_8)));
        Rubric rubric = Assess.rubric();
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(rubric.criteria().size());
        assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(rubric.levels().size() + 1);
        assertThat(Integer.parseInt(doc.getDocumentElement().getAttribute("failures")))
                .isEqualTo(doc.getElementsByTagName("failure").getLength()).isPositive();
    }

    @Test
    void csvOfTheBuiltinRubricHasARowPerCriterion() throws Exception {
        String csv = Cli.run("assess", "--format", "csv", repo.toString()).out();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180.builder().setHeader().get())) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(CsvReport.HEADER);
            assertThat(parser.getRecords()).hasSize(Assess.rubric().criteria().size());
        }
    }

    @Test
    void badgeIsSvgColouredByLevel() throws Exception {
        assertBadge(repo, "mlproj: level 1, Notebook experiments", "#fe7d37");
        assertBadge(Path.of("examples/level0-todo-api"), "mlproj: not a machine-learning project", "#9f9f9f");
        assertBadge(Path.of("examples/level3-recommender-service"), "mlproj: level 3, Production deployment", "#a4a61d");
    }

    private static void assertBadge(Path repository, String title, String colour) throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                Cli.run("assess", "--format", "badge", repository.toString()).out().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(title);
        assertThat(((org.w3c.dom.Element) doc.getElementsByTagName("rect").item(2)).getAttribute("fill")).isEqualTo(colour);
    }

    // ---------------------------------------------------------------- rubric export

    @Test
    void rubricExportCsvHasEveryCriterionWithItsReasons() throws Exception {
        Cli.Result r = Cli.run("rubric", "export");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(r.out()), CSVFormat.RFC4180.builder().setHeader().get())) {
            assertThat(parser.getHeaderNames()).containsExactly("id", "level", "focus", "weight", "title", "why", "source",
                    "detection", "fix", "scaffold");
            records = parser.getRecords();
        }
        Rubric rubric = Assess.rubric();
        assertThat(records).hasSize(rubric.criteria().size());
        CSVRecord docker = records.stream().filter(rec -> rec.get("id").equals("L3-docker")).findFirst().orElseThrow();
        var c = rubric.criterion("L3-docker").orElseThrow();
        assertThat(docker.get("level")).isEqualTo("3");
        assertThat(docker.get("why")).isEqualTo(c.why());
        assertThat(docker.get("source")).isEqualTo(c.source());
        assertThat(docker.get("detection")).isEqualTo(c.detection());
        assertThat(docker.get("fix")).isEqualTo(c.fix());
        assertThat(docker.get("scaffold")).isEqualTo(c.scaffold() == null ? "" : c.scaffold());
        // Level by level, walkthrough criteria (no level) last.
        List<String> levels = records.stream().map(rec -> rec.get("level")).toList();
        assertThat(levels.subList(0, levels.indexOf(""))).isSorted();
        assertThat(levels.subList(levels.indexOf(""), levels.size())).containsOnly("");
    }

    @Test
    void rubricExportJsonHasTheSameKeysAndAnExtendedRubricsCriteria(@TempDir Path dir) throws Exception {
        Path team = dir.resolve("team.yaml");
        Files.writeString(team, """
                rubric: team
                extends: builtin
                criteria:
                  - id: TEAM-profiling
                    title: Datasets are profiled
                    level: 2
                    focus: data
                    why: The team profiles every dataset.
                    source: 'seed 000, Level 2: "messier, more realistic data"'
                    detection: ProfileReport in code.
                    detect: {python: '\\bProfileReport\\s*\\('}
                    fix: Profile the data with ydata-profiling.
                """);
        Path file = dir.resolve("out/criteria.json");
        Cli.Result r = Cli.run("rubric", "export", "--format", "json", "--rubric", team.toString(), "--output", file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        JsonNode array = new ObjectMapper().readTree(Files.readString(file));
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(Assess.rubric().criteria().size() + 1);
        for (JsonNode o : array) {
            assertThat(o.fieldNames()).toIterable().containsExactlyElementsOf(RubricExport.KEYS);
        }
        JsonNode profiling = null;
        JsonNode walkthrough = null;
        for (JsonNode o : array) {
            if (o.get("id").asText().equals("TEAM-profiling")) {
                profiling = o;
            }
            if (o.get("level").isNull()) {
                walkthrough = o;
            }
        }
        assertThat(profiling.get("level").asInt()).isEqualTo(2);
        assertThat(profiling.get("weight").asInt()).isEqualTo(1);
        assertThat(profiling.get("scaffold").isNull()).isTrue();
        assertThat(walkthrough).isNotNull();
    }

    @Test
    void rubricExportRejectsBadInput(@TempDir Path dir) {
        Cli.Result format = Cli.run("rubric", "export", "--format", "yaml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("--format", "yaml");
        Cli.Result rubric = Cli.run("rubric", "export", "--rubric", dir.resolve("missing.yaml").toString());
        assertThat(rubric.exitCode()).isEqualTo(2);
        assertThat(rubric.err()).contains("missing.yaml");
        assertThat(rubric.out()).isEmpty();
    }
}
