package dev.mlproj.cli;

import dev.mlproj.scaffold.NextLock;
import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import dev.mlproj.testing.TemplateTree;
import dev.mlproj.testing.TreeSnapshot;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** How new and next write: names and flags refused up front, locks, ownership, the repository a branch goes to. */
class ScaffoldWriteSafetyTest {

    @TempDir
    Path tmp;

    private String templates() {
        return TemplateTree.standard(tmp.resolve("templates")).root().toString();
    }

    private FixtureRepo levelTwoish(Path dir) {
        return FixtureRepo.git(dir)
                .file("churn/__init__.py", "")
                .file("churn/train.py", "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
                        + "df = pd.read_csv('d.csv')\nm = LogisticRegression().fit(df[['x']], df['y'])\n")
                .commit("start");
    }

    private static List<String> branches(Path repo) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            return git.branchList().call().stream().map(r -> r.getName()).toList();
        }
    }

    @Test
    void branchNamesGitRefusesAreRefusedNamingTheFlag() throws Exception {
        Path repo = levelTwoish(tmp.resolve("repo")).root();
        Map<String, String> before = TreeSnapshot.of(repo);
        for (String name : List.of("HEAD", "@", "-x", "a..b", "x.lock", "a b", "@{-1}")) {
            Cli.Result r = Cli.run("next", repo.toString(), "--branch=" + name, "--templates", templates());
            assertThat(r.exitCode()).as(name).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(name).startsWith("mlproj: --branch '" + name + "' is not a valid branch name: ")
                    .doesNotContain("Exception");
        }
        assertThat(TreeSnapshot.of(repo)).isEqualTo(before);
        assertThat(branches(repo)).containsExactly("refs/heads/main");
    }

    @Test
    void aBrokenInnerGitNeverSendsTheBranchToTheParentRepository() throws Exception {
        Path parent = FixtureRepo.git(tmp.resolve("parent")).file("README.md", "# parent\n").commit("parent").root();
        Path inner = Files.createDirectories(parent.resolve("inner"));
        Files.writeString(inner.resolve("train.py"), FixtureRepo.LEVEL_ONE_SCRIPT);
        for (boolean asFile : List.of(true, false)) {
            if (Files.exists(inner.resolve(".git"))) {
                TreeSnapshot.deleteTree(inner.resolve(".git"));
            }
            if (asFile) {
                Files.writeString(inner.resolve(".git"), "gitdir: nowhere\n");
            } else {
                Files.createDirectories(inner.resolve(".git"));
                Files.writeString(inner.resolve(".git/HEAD"), "garbage\n");
            }
            Map<String, String> before = TreeSnapshot.of(parent);

            Cli.Result r = Cli.run("next", inner.toString(), "--branch", "b", "--templates", templates());

            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains(inner.resolve(".git") + " is not a readable git repository")
                    .contains("does not write to a repository further up");
            assertThat(branches(parent)).containsExactly("refs/heads/main");
            assertThat(TreeSnapshot.of(parent)).isEqualTo(before);
        }
    }

    @Test
    void anotherUsersRepositoryIsRefusedAsGitRefusesIt() throws Exception {
        if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
            assertThat(System.getenv("CI")).as("giving a repository to another user needs root (CI runs as root)").isNull();
            org.junit.jupiter.api.Assumptions.abort("needs root");
        }
        Path repo = levelTwoish(tmp.resolve("repo")).root();
        Files.setAttribute(repo, "unix:uid", 4242);
        Map<String, String> before = TreeSnapshot.of(repo);
        for (String[] extra : List.of(new String[0], new String[] {"--branch", "mine"})) {
            Cli.Result r = Cli.run(Stream.concat(Stream.of("next", repo.toString(), "--templates", templates()), Stream.of(extra))
                    .toArray(String[]::new));
            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains(repo + " is owned by uid 4242, not by you (uid 0)",
                    "git config --global --add safe.directory " + repo);
        }
        assertThat(TreeSnapshot.of(repo)).isEqualTo(before);
        assertThat(branches(repo)).containsExactly("refs/heads/main");
    }

    @Test
    void aSecondNextWhileOneIsWritingIsRefusedAndWritesNothing() throws Exception {
        Path repo = levelTwoish(tmp.resolve("repo")).root();
        String templates = templates();
        try (NextLock held = NextLock.acquire(repo)) {
            Map<String, String> before = TreeSnapshot.of(repo);
            Cli.Result r = Cli.run("next", repo.toString(), "--templates", templates);
            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(r.err()).contains("another mlproj next", "is writing into " + repo, "nothing was written");
            assertThat(TreeSnapshot.of(repo)).isEqualTo(before);
        }
        Cli.Result after = Cli.run("next", repo.toString(), "--templates", templates);
        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(after.out()).contains("Wrote");
        assertThat(repo.resolve(".git/mlproj-next.lock")).doesNotExist();
    }

    @Test
    void aDryRunExitsAsTheRealRunWould() throws Exception {
        Path target = FixtureRepo.plain(tmp.resolve("mine")).file("README.md", "mine\n").root();
        Map<String, String> before = TreeSnapshot.of(target);
        String templates = templates();

        Cli.Result dry = Cli.run("new", "ok", "--level", "2", "--templates", templates, "--dir", target.toString(), "--dry-run");
        Cli.Result real = Cli.run("new", "ok", "--level", "2", "--templates", templates, "--dir", target.toString());

        assertThat(dry.exitCode()).isEqualTo(real.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(dry.err()).isEqualTo(real.err()).contains("exists and is not empty");
        assertThat(TreeSnapshot.of(target)).isEqualTo(before);

        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertThat(Cli.run("new", "ok", "--templates", templates, "--dir", file.toString(), "--dry-run").exitCode()).isEqualTo(ExitCode.USAGE);

        Cli.Result forced = Cli.run("new", "ok", "--level", "2", "--templates", templates, "--dir", target.toString(), "--dry-run", "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).containsPattern("README\\.md +\\d+ bytes  \\(replaces an existing file\\)");
        assertThat(TreeSnapshot.of(target)).isEqualTo(before);
    }

    @Test
    void forceListsEveryFileItReplacesBeforeWriting() throws Exception {
        Path target = FixtureRepo.plain(tmp.resolve("mine")).file("README.md", "mine\n").file("notes.txt", "mine too\n").root();
        Cli.Result r = Cli.run("new", "ok", "--level", "2", "--templates", templates(), "--dir", target.toString(), "--force");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo("mlproj: --force replaces 1 existing file in " + target + ":\n  README.md\n");
        assertThat(target.resolve("notes.txt")).hasContent("mine too");
    }

    @Test
    void namesThatShadowTheStandardLibraryOrPopularPackagesAreRefused() throws Exception {
        String templates = templates();
        for (String name : List.of("sqlite3", "hashlib", "csv", "shutil", "uuid", "json", "os", "asyncio", "Queue")) {
            Cli.Result r = Cli.run("new", name, "--templates", templates, "--dir", tmp.resolve("p").toString());
            assertThat(r.exitCode()).as(name).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(name).contains("NAME '" + name + "'", "shadow");
        }
        assertThat(Cli.run("new", "sqlite3", "--templates", templates).err())
                .isEqualTo("mlproj: NAME 'sqlite3' would make the Python package 'sqlite3', which is a module of Python's standard library:"
                        + " the project's package would shadow it (its own tests would import the wrong one); choose another name,"
                        + " e.g. 'sqlite3-project'\n");
        for (String name : List.of("kafka", "torch", "numpy", "requests", "sklearn", "xgboost", "cv2", "Flask")) {
            Cli.Result r = Cli.run("new", name, "--templates", templates, "--dir", tmp.resolve("p").toString());
            assertThat(r.exitCode()).as(name).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(name).contains("NAME '" + name + "'", "shadow");
        }
        assertThat(tmp.resolve("p")).doesNotExist();
    }
}
