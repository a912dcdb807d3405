package dev.mlproj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlproj.scaffold.PlannedFile;
import dev.mlproj.scaffold.ScaffoldRecord;
import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import dev.mlproj.testing.TemplateTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** new and next through the command line, against a small templates tree the test builds. */
class ScaffoldCliTest {

    @TempDir
    Path tmp;

    private String templates() {
        return TemplateTree.standard(tmp.resolve("templates")).root().toString();
    }

    private static long count(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.count();
        }
    }

    @Test
    void newWritesTheProjectAndItsProvenance() throws Exception {
        Path target = tmp.resolve("out");
        Cli.Result r = Cli.run("new", "churn-model", "--level", "2", "--focus", "data", "--templates", templates(), "--dir", target.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Created", "level 2 Pipeline", "focus data");
        assertThat(Files.readString(target.resolve("churn_model/config.py"))).contains("PACKAGE = \"churn_model\"");
        ScaffoldRecord record = ScaffoldRecord.read(target);
        assertThat(record.files()).extracting(ScaffoldRecord.Entry::path).contains("Dockerfile", "churn_model/validate.py");
        assertThat(record.untouched(target)).hasSize(record.files().size());
    }

    @Test
    void badNamesLevelsAndTargetsExitTwoAndWriteNothing() throws Exception {
        String templates = templates();
        for (String name : List.of("../x", "/etc/x", "", "con", "test")) {
            Cli.Result r = Cli.run("new", name, "--templates", templates, "--dir", tmp.resolve("o1").toString());
            assertThat(r.exitCode()).as(name).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(name).startsWith("mlproj: ").contains("NAME").doesNotContain("Exception");
        }
        assertThat(Cli.run("new", "ok", "--level", "7", "--templates", templates).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(Cli.run("new", "ok", "--focus", "vibes", "--templates", templates).exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(tmp.resolve("o1")).doesNotExist();

        Path occupied = Files.createDirectories(tmp.resolve("occupied"));
        Files.writeString(occupied.resolve("notes.txt"), "mine");
        Cli.Result refused = Cli.run("new", "ok", "--level", "2", "--templates", templates, "--dir", occupied.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("not empty", "--force");
        assertThat(count(occupied)).isEqualTo(2);
    }

    @Test
    void dryRunListsTheFilesAndWritesNothing() throws Exception {
        Path target = tmp.resolve("dry");
        Cli.Result r = Cli.run("new", "ok", "--level", "2", "--templates", templates(), "--dir", target.toString(), "--dry-run");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Would create", "ok/config.py", ".mlproj/scaffold.json");
        assertThat(target).doesNotExist();
    }

    @Test
    void aTemplateErrorNamesTheTemplateAndLeavesNothing() throws Exception {
        TemplateTree tree = TemplateTree.standard(tmp.resolve("bad")).file("level2/base/z.py.mustache", "x = {{nope}}\n");
        Path target = tmp.resolve("proj");
        Cli.Result r = Cli.run("new", "ok", "--level", "2", "--templates", tree.root().toString(), "--dir", target.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("templates/level2/base/z.py.mustache:1:5", "unknown template variable 'nope'");
        assertThat(target).doesNotExist();
    }

    @Test
    void nextDryRunPlansAndWritesNothingThenNextWritesOnlyNewFiles() throws Exception {
        String templates = templates();
        Path repo = FixtureRepo.git(tmp.resolve("repo"))
                .file("notebooks/explore.ipynb", "{\"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}")
                .file("churn/__init__.py", "")
                .file("churn/train.py", "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
                        + "df = pd.read_csv('d.csv')\nm = LogisticRegression().fit(df[['x']], df['y'])\n")
                .commit("start").root();
        long before = count(repo);
        Cli.Result dry = Cli.run("next", repo.toString(), "--templates", templates, "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("level 1 -> 2", "Package: churn", "create", "churn/config.py", "L2-config-driven",
                "Dry run: nothing was written.");
        assertThat(count(repo)).isEqualTo(before);

        Cli.Result wrote = Cli.run("next", repo.toString(), "--templates", templates);
        assertThat(wrote.exitCode()).as(wrote.err()).isZero();
        assertThat(Files.readString(repo.resolve("churn/config.py"))).contains("PACKAGE = \"churn\"");
        assertThat(Files.readString(repo.resolve("churn/train.py"))).startsWith("import pandas");
        assertThat(ScaffoldRecord.read(repo).untouched(repo)).contains("churn/config.py", "configs/config.yaml");

        Cli.Result again = Cli.run("next", repo.toString(), "--templates", templates, "--dry-run");
        assertThat(again.out()).contains("conflict", "exists; left alone");
    }

    @Test
    void untouchedScaffoldingIsListedAndEarnsNoCreditAtAGate() throws Exception {
        Path repo = FixtureRepo.git(tmp.resolve("repo"))
                .file("train.py", "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
                        + "df = pd.read_csv('d.csv')\nm = LogisticRegression().fit(df[['x']], df['y'])\n")
                .root();
        byte[] content = Files.readAllBytes(repo.resolve("train.py"));
        Files.createDirectories(repo.resolve(".mlproj"));
        Files.write(repo.resolve(ScaffoldRecord.PATH), ScaffoldRecord.of(
                List.of(new PlannedFile("train.py", content, "level1/base/train.py", List.of())), "new --level 1").toJson("t"));

        Cli.Result plain = Cli.run("assess", repo.toString(), "--format", "json");
        JsonNode report = new ObjectMapper().readTree(plain.out());
        assertThat(report.get("level").asInt()).isEqualTo(1);
        assertThat(report.at("/scaffold/untouched/0").asText()).isEqualTo("train.py");
        assertThat(report.at("/scaffold/discounted").asBoolean()).isFalse();

        Cli.Result gate = Cli.run("assess", repo.toString(), "--min-level", "1", "--format", "json");
        assertThat(gate.exitCode()).isEqualTo(ExitCode.GATE_FAILED);
        assertThat(new ObjectMapper().readTree(gate.out()).get("level").asInt()).isZero();
        assertThat(Cli.run("assess", repo.toString(), "--min-level", "1").out()).contains("Untouched scaffolding", "no credit at this gate");

        Files.writeString(repo.resolve("train.py"), new String(content, StandardCharsets.UTF_8) + "print(m.score(df[['x']], df['y']))\n");
        assertThat(Cli.run("assess", repo.toString(), "--min-level", "1").exitCode()).isZero();
    }
}
