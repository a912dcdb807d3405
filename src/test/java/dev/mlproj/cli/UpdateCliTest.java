package dev.mlproj.cli;

import dev.mlproj.scaffold.ScaffoldRecord;
import dev.mlproj.testing.Cli;
import dev.mlproj.testing.TemplateTree;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14.3: a project generated with an older template version, edited by its author, is brought up to
 * a newer one: untouched files refreshed, edited ones merged line by line, conflicts marked, nothing lost.
 */
class UpdateCliTest {

    private static final String TRAIN_V1 = """
            import pandas as pd


            def load(path):
                return pd.read_csv(path)


            def train(df):
                return df.mean()
            """;

    @TempDir
    Path tmp;

    /** Version 1 of a small templates tree. */
    private TemplateTree v1(Path root) {
        return TemplateTree.standard(root)
                .file("VERSION", "1\n")
                .file("level2/base/{{packageDir}}/train.py.mustache", TRAIN_V1);
    }

    /** Version 2: a new import at the top of train.py, a changed README and config line, a new file. */
    private TemplateTree v2(Path root) {
        return v1(root)
                .file("VERSION", "2\n")
                .file("level2/base/{{packageDir}}/train.py.mustache", "import logging\n" + TRAIN_V1)
                .file("level2/base/README.md.mustache", "# {{title}} ({{package}})\n{{#focusData}}Data focus.\n{{/focusData}}Run `make train`.\n")
                .file("level2/base/{{packageDir}}/config.py.mustache", "import yaml\nPACKAGE = \"{{package}}.v2\"\n")
                .file("level2/base/Makefile", "train:\n\tpython -m train\n");
    }

    private Path generate(Path t1) {
        Path project = tmp.resolve("proj");
        Cli.Result made = Cli.run("new", "proj", "--level", "2", "--focus", "data", "--dir", project.toString(), "--templates", t1.toString(), "--no-git");
        assertThat(made.exitCode()).as(made.err()).isZero();
        return project;
    }

    private static void edit(Path project) throws Exception {
        Path train = project.resolve("proj/train.py");
        Files.writeString(train, Files.readString(train) + "\n\ndef evaluate(df):\n    return df.describe()\n");
        Files.writeString(project.resolve("proj/config.py"), "import yaml\nPACKAGE = \"mine\"\n");
    }

    private static void commitAll(Path dir) throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Test Author", "author@example.com");
            git.commit().setMessage("generated").setAuthor(who).setCommitter(who).setSign(false).call();
        }
    }

    @Test
    void mergesEditsAgainstTheGeneratedFileFromGitHistoryAndRefreshesTheRest() throws Exception {
        Path t1 = v1(tmp.resolve("t1")).root();
        Path t2 = v2(tmp.resolve("t2")).root();
        Path project = generate(t1);
        commitAll(project); // the generated files: the merge bases
        edit(project);

        assertThat(Cli.run("update", project.toString(), "--check", "--templates", t1.toString()).exitCode()).isZero();
        Cli.Result check = Cli.run("update", project.toString(), "--check", "--templates", t2.toString());
        assertThat(check.exitCode()).as(check.out()).isEqualTo(ExitCode.GATE_FAILED);
        assertThat(check.out()).contains("behind its templates", "version 1, now 2");

        Cli.Result update = Cli.run("update", project.toString(), "--templates", t2.toString());
        assertThat(update.exitCode()).as(update.out() + update.err()).isEqualTo(ExitCode.GATE_FAILED); // a conflict is left
        assertThat(update.out()).contains("refreshed   README.md", "merged      proj/train.py", "conflict    proj/config.py",
                "created     Makefile", "git history");

        assertThat(Files.readString(project.resolve("README.md"))).contains("Run `make train`.");
        String train = Files.readString(project.resolve("proj/train.py"));
        assertThat(train).startsWith("import logging\nimport pandas").contains("def evaluate(df):").doesNotContain("<<<<<<<");
        String config = Files.readString(project.resolve("proj/config.py"));
        assertThat(config).contains("<<<<<<< yours", "PACKAGE = \"mine\"", "PACKAGE = \"proj.v2\"", ">>>>>>> template 2");
        assertThat(Files.readString(project.resolve("Makefile"))).startsWith("train:");

        ScaffoldRecord record = ScaffoldRecord.read(project);
        assertThat(record.answers().templateVersion()).isEqualTo("2");
        assertThat(record.untouched(project)).contains("README.md", "Makefile").doesNotContain("proj/train.py", "proj/config.py");
        assertThat(Cli.run("update", project.toString(), "--check", "--templates", t2.toString()).exitCode()).isZero();
        try (var walk = Files.walk(project)) {
            assertThat(walk.filter(p -> p.getFileName().toString().endsWith(".mlproj-update")).toList()).isEmpty();
        }
    }

    @Test
    void theOlderTemplatesCanBeGivenAsTheMergeBase() throws Exception {
        Path t1 = v1(tmp.resolve("t1")).root();
        Path t2 = v2(tmp.resolve("t2")).root();
        Path project = generate(t1);
        edit(project);
        Cli.Result update = Cli.run("update", project.toString(), "--templates", t2.toString(), "--base-templates", t1.toString());
        assertThat(update.out()).contains("merged      proj/train.py", "recorded template version");
        assertThat(Files.readString(project.resolve("proj/train.py"))).startsWith("import logging\n").contains("def evaluate(df):");
    }

    @Test
    void withoutABaseBothVersionsAreKeptNeverOne() throws Exception {
        Path t1 = v1(tmp.resolve("t1")).root();
        Path t2 = v2(tmp.resolve("t2")).root();
        Path project = generate(t1);
        edit(project);
        Cli.Result update = Cli.run("update", project.toString(), "--templates", t2.toString());
        assertThat(update.out()).contains("conflict    proj/train.py", "no base found");
        String train = Files.readString(project.resolve("proj/train.py"));
        assertThat(train).contains("def evaluate(df):", "import logging", "<<<<<<< yours", ">>>>>>> template 2");
    }

    @Test
    void dryRunWritesNothingAndAProjectWithoutARecordIsRefused() throws Exception {
        Path t1 = v1(tmp.resolve("t1")).root();
        Path t2 = v2(tmp.resolve("t2")).root();
        Path project = generate(t1);
        String before = Files.readString(project.resolve("README.md"));
        Cli.Result dry = Cli.run("update", project.toString(), "--templates", t2.toString(), "--dry-run");
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).contains("refreshed   README.md", "Dry run: nothing was written.");
        assertThat(Files.readString(project.resolve("README.md"))).isEqualTo(before);
        assertThat(Files.exists(project.resolve("Makefile"))).isFalse();

        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Cli.Result refused = Cli.run("update", plain.toString(), "--templates", t2.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains(ScaffoldRecord.PATH);
    }

    @Test
    void theBuiltInTemplatesAreCurrentForAFreshProject() {
        Path project = tmp.resolve("fresh");
        assertThat(Cli.run("new", "fresh", "--level", "3", "--dir", project.toString()).exitCode()).isZero();
        Cli.Result check = Cli.run("update", project.toString(), "--check");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("is current");
    }

    /** The record and the tree are the project's own: a generated path turned into a link is refused, nothing written. */
    @Test
    void aFileReplacedByALinkIsRefusedAndNothingIsWritten() throws Exception {
        Path t1 = v1(tmp.resolve("t1")).root();
        Path t2 = v2(tmp.resolve("t2")).root();
        Path project = generate(t1);
        Path outside = Files.writeString(tmp.resolve("outside.md"), "not the project's\n");
        Files.delete(project.resolve("README.md"));
        Files.createSymbolicLink(project.resolve("README.md"), outside);
        String record = Files.readString(project.resolve(ScaffoldRecord.PATH));

        Cli.Result update = Cli.run("update", project.toString(), "--templates", t2.toString());
        assertThat(update.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(update.err()).contains("README.md", "nothing was written");
        assertThat(Files.readString(outside)).isEqualTo("not the project's\n");
        assertThat(Files.readString(project.resolve(ScaffoldRecord.PATH))).isEqualTo(record);
        assertThat(project.resolve("Makefile")).doesNotExist();
    }
}
