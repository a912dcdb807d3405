package dev.mlproj.cli;

import dev.mlproj.scaffold.ScaffoldRecord;
import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import dev.mlproj.testing.TemplateTree;
import dev.mlproj.testing.TreeSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** new and next given hostile template trees and hostile targets: refused with a clear line, nothing written anywhere. */
class HostileScaffoldTest {

    @TempDir
    Path tmp;

    private Cli.Result newProject(TemplateTree tree, Path target) {
        return Cli.run("new", "ok", "--level", "2", "--focus", "data", "--templates", tree.root().toString(), "--dir", target.toString());
    }

    /** A template tree that is refused leaves no project, and nothing beside where it would have been. */
    private void assertRefusedAndNothingWritten(Cli.Result r, Path target, String... message) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("mlproj: ").contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(target).doesNotExist();
        try (var siblings = Files.list(target.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".mlproj-") || n.contains(".previous-"));
        }
    }

    @Test
    void aLayerOutsideTheTemplatesIsRefusedWithItsPosition() throws Exception {
        TemplateTree tree = TemplateTree.standard(tmp.resolve("t")).file("level2/manifest.yaml",
                "title: T\ndescription: D\nlayers: [../../outside]\n");
        assertRefusedAndNothingWritten(newProject(tree, tmp.resolve("p")), tmp.resolve("p"),
                "templates/level2/manifest.yaml:3:9", "must be a relative path inside templates/");
    }

    @Test
    void anAbsoluteProvidedPathIsRefused() throws Exception {
        TemplateTree tree = TemplateTree.standard(tmp.resolve("t")).file("level2/manifest.yaml",
                "title: T\ndescription: D\nprovides:\n  - criterion: L2-tests\n    files: [/etc/cron.d/x]\n");
        assertRefusedAndNothingWritten(newProject(tree, tmp.resolve("p")), tmp.resolve("p"),
                "templates/level2/manifest.yaml:4:5", "must be a relative path inside the project");
    }

    @Test
    void aPathThatRendersToDotDotIsRefused() throws Exception {
        TemplateTree tree = TemplateTree.standard(tmp.resolve("t"))
                .file("level2/base/{{#focusData}}..{{/focusData}}/escaped.txt", "x");
        assertRefusedAndNothingWritten(newProject(tree, tmp.resolve("p")), tmp.resolve("p"),
                "renders to '../escaped.txt', which is not a path inside the project");
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void symbolicLinksInATemplateTreeAreRefusedWhereverTheyAre(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("secret"), "not for templates");
        Files.createDirectories(outside.resolve("svc"));
        Files.writeString(outside.resolve("svc/Dockerfile"), "FROM evil\n");

        TemplateTree file = TemplateTree.standard(tmp.resolve("t1"));
        Files.createSymbolicLink(file.root().resolve("level2/base/copied"), outside.resolve("secret"));
        assertRefusedAndNothingWritten(newProject(file, tmp.resolve("p1")), tmp.resolve("p1"),
                "templates/level2/base/copied: symbolic links are not allowed in templates");

        TemplateTree layer = TemplateTree.standard(tmp.resolve("t2"));
        TreeSnapshot.deleteTree(layer.root().resolve("shared"));
        Files.createSymbolicLink(layer.root().resolve("shared"), outside);
        assertRefusedAndNothingWritten(newProject(layer, tmp.resolve("p2")), tmp.resolve("p2"),
                "templates/shared: symbolic links are not allowed in templates");

        TemplateTree level = TemplateTree.standard(tmp.resolve("t3"));
        Files.move(level.root().resolve("level2"), tmp.resolve("elsewhere"));
        Files.createSymbolicLink(level.root().resolve("level2"), tmp.resolve("elsewhere"));
        assertRefusedAndNothingWritten(newProject(level, tmp.resolve("p3")), tmp.resolve("p3"),
                "templates/level2: symbolic links are not allowed in templates");
    }

    @Test
    void anOversizedTemplateFileIsRefusedWithoutBeingRead() throws Exception {
        TemplateTree tree = TemplateTree.standard(tmp.resolve("t"));
        try (RandomAccessFile sparse = new RandomAccessFile(tree.root().resolve("level2/base/huge.bin").toFile(), "rw")) {
            sparse.setLength(17L * 1024 * 1024);
        }
        assertRefusedAndNothingWritten(newProject(tree, tmp.resolve("p")), tmp.resolve("p"),
                "templates/level2/base/huge.bin", "over the 16777216-byte limit");
    }

    @Test
    void aNonEmptyTargetIsRefusedAndLeftUntouchedToTheMillisecond() throws Exception {
        Path target = FixtureRepo.plain(tmp.resolve("mine")).file("README.md", "mine\n").file("ok/config.py", "MINE = 1\n").root();
        Files.setLastModifiedTime(target.resolve("README.md"), java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        Map<String, String> before = TreeSnapshot.of(target);

        Cli.Result r = newProject(TemplateTree.standard(tmp.resolve("t")), target);

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("exists and is not empty; nothing was written (use --force to write into it)");
        assertThat(TreeSnapshot.of(target)).isEqualTo(before);
    }

    @Test
    void nextNeverWritesThroughALinkAlreadyInTheTarget(@TempDir Path outside) throws Exception {
        Path repo = FixtureRepo.git(tmp.resolve("repo"))
                .file("churn/__init__.py", "")
                .file("churn/train.py", "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
                        + "df = pd.read_csv('d.csv')\nm = LogisticRegression().fit(df[['x']], df['y'])\n")
                .commit("start").root();
        Files.createSymbolicLink(repo.resolve("configs"), outside);
        Files.createSymbolicLink(repo.resolve("tests"), outside);

        Cli.Result r = Cli.run("next", repo.toString(), "--templates", TemplateTree.standard(tmp.resolve("t")).root().toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("conflict  configs/config.yaml", "conflict  tests/test_config.py", "create    churn/config.py");
        try (var written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }
        assertThat(repo.resolve("churn/config.py")).exists();
    }

    @Test
    void aLinkedRecordDirectoryStopsNextBeforeItWritesAnything(@TempDir Path outside) throws Exception {
        Path repo = FixtureRepo.git(tmp.resolve("repo"))
                .file("churn/__init__.py", "")
                .file("churn/train.py", "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
                        + "df = pd.read_csv('d.csv')\nm = LogisticRegression().fit(df[['x']], df['y'])\n")
                .commit("start").root();
        Files.createSymbolicLink(repo.resolve(".mlproj"), outside);
        Map<String, String> before = TreeSnapshot.of(repo);

        Cli.Result r = Cli.run("next", repo.toString(), "--templates", TemplateTree.standard(tmp.resolve("t")).root().toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(".mlproj is a symbolic link; mlproj does not write through links");
        assertThat(TreeSnapshot.of(repo)).isEqualTo(before);
        try (var written = Files.list(outside)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void aFileWhereADirectoryIsNeededIsAConflictNotAHalfWrite() throws Exception {
        Path repo = FixtureRepo.git(tmp.resolve("repo"))
                .file("churn/__init__.py", "")
                .file("churn/train.py", "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
                        + "df = pd.read_csv('d.csv')\nm = LogisticRegression().fit(df[['x']], df['y'])\n")
                .file("tests", "a file, not a directory\n")
                .commit("start").root();

        Cli.Result r = Cli.run("next", repo.toString(), "--templates", TemplateTree.standard(tmp.resolve("t")).root().toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("conflict  tests/test_config.py");
        assertThat(Files.readString(repo.resolve("tests"))).isEqualTo("a file, not a directory\n");
        assertThat(ScaffoldRecord.read(repo).files()).extracting(ScaffoldRecord.Entry::path)
                .containsExactlyInAnyOrder("configs/config.yaml", "churn/config.py");
    }

    @Test
    void aBareRepositoryCannotBeGivenNextPieces(@TempDir Path bare) throws Exception {
        org.eclipse.jgit.api.Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        Map<String, String> before = TreeSnapshot.of(bare);

        Cli.Result r = Cli.run("next", bare.toString(), "--templates", TemplateTree.standard(tmp.resolve("t")).root().toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).contains("bare git repository");
        assertThat(TreeSnapshot.of(bare)).isEqualTo(before);
    }
}
