package dev.mlproj.scan;

import dev.mlproj.cli.ExitCode;
import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import dev.mlproj.testing.Special;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: what a repository's ignore files and git directory can do to the reads mlproj (and JGit on its
 * behalf) makes. Every file is checked before it is opened: no pipe blocks, no device or huge file fills
 * the heap, no link leads out. Each case ends quickly with exit 0 (and a warning) or 3 (and a message
 * naming the file), never a stack trace.
 */
class HostileGitDirectoryTest {

    private static final String ML_CODE = "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n"
            + "df = pd.read_csv('d.csv')\nmodel = LogisticRegression().fit(df[['x']], df['y'])\n";

    private static Path committed(Path dir) {
        FixtureRepo.git(dir).file("train.py", ML_CODE).commit("one");
        return dir;
    }

    private static void assertClean(Cli.Result r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("Error:");
        assertThat(r.out()).doesNotContain("\tat ");
    }

    /** 16.1: `ln -s /proc/self/pagemap .gitignore` ran the heap out (exit 3, OutOfMemoryError, no report). */
    @Test
    void aGitignoreLinkedToAHugeFileOutsideIsNotRead(@TempDir Path dir) throws Exception {
        committed(dir);
        Files.createSymbolicLink(dir.resolve(".gitignore"), Path.of("/proc/self/pagemap"));
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("sub/.gitignore"), Path.of("/dev/zero"));

        Cli.Result r = Special.run("assess", "--format", "json", dir.toString());

        assertClean(r);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(".gitignore: is a symbolic link, which is not followed; its rules are not applied")
                .contains("sub/.gitignore: is a symbolic link");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dev/zero", "/proc/self/pagemap"})
    void anInfoExcludeLinkedToADeviceIsNotRead(String device, @TempDir Path dir) throws Exception {
        committed(dir);
        Path exclude = dir.resolve(".git/info/exclude");
        Files.createDirectories(exclude.getParent());
        Files.deleteIfExists(exclude);
        Files.createSymbolicLink(exclude, Path.of(device));

        Cli.Result r = Special.run("assess", dir.toString());

        assertClean(r);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).contains("info/exclude is a symbolic link to outside the git directory");
    }

    /** 16.8: a named pipe anywhere JGit reads blocked forever. Now: exit 3 naming it, at once. */
    @ParameterizedTest
    @ValueSource(strings = {"packed-refs", "HEAD", "index", "objects/info/alternates", "refs/heads/main", "config", "shallow"})
    void aNamedPipeInTheGitDirectoryIsRefusedNotOpened(String name, @TempDir Path dir) throws Exception {
        committed(dir);
        Special.fifo(dir.resolve(".git").resolve(name));

        Cli.Result assess = Special.run("assess", dir.toString());
        Cli.Result history = Special.run("history", dir.toString());

        for (Cli.Result r : new Cli.Result[] {assess, history}) {
            assertClean(r);
            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(r.err()).contains(".git/" + name + " is a named pipe, not a regular file; the git directory is not read");
        }
    }

    /** 16.1/16.8: include.path naming a pipe or a device made JGit read it (block, or fill the heap). */
    @ParameterizedTest
    @ValueSource(strings = {"fifo", "/dev/zero", "link-to-zero"})
    void aConfigIncludeOfAPipeOrDeviceIsRefused(String include, @TempDir Path dir) throws Exception {
        committed(dir);
        Path target;
        if (include.equals("fifo")) {
            target = Special.fifo(dir.resolve(".git/extra-config"));
        } else if (include.equals("link-to-zero")) {
            target = Files.createSymbolicLink(dir.resolve(".git/extra-config"), Path.of("/dev/zero"));
        } else {
            target = Path.of(include);
        }
        Files.writeString(dir.resolve(".git/config"), "\n[include]\n\tpath = " + target + "\n", java.nio.file.StandardOpenOption.APPEND);

        Cli.Result r = Special.run("assess", dir.toString());

        assertClean(r);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).contains(target.toString()).contains("not a regular file").contains("the git directory is not read");
    }

    /** 16.1: a 2 GB `.git` file was read whole by JGit; a huge index the same. */
    @Test
    void hugeGitFilesAreRefusedFromTheirSize(@TempDir Path dir) throws Exception {
        Path pointer = Files.createDirectories(dir.resolve("pointer"));
        Files.writeString(pointer.resolve("train.py"), ML_CODE);
        Special.sparse(pointer.resolve(".git"), 2L << 30);
        Path index = committed(dir.resolve("index"));
        Special.sparse(index.resolve(".git/index"), 300L << 20);

        Cli.Result r1 = Special.run("assess", pointer.toString());
        Cli.Result r2 = Special.run("assess", index.toString());

        assertClean(r1);
        assertThat(r1.exitCode()).as(r1.err()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r1.err()).contains("pointer/.git: is 2147483648 bytes, over the 65536 limit");
        assertClean(r2);
        assertThat(r2.exitCode()).as(r2.err()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r2.err()).contains(".git/index is 314572800 bytes, over the 268435456-byte limit");
    }

    /** A link inside the git directory may lead inside it (old git made HEAD one), never out. */
    @Test
    void linksInTheGitDirectoryMayNotLeadOut(@TempDir Path dir, @TempDir Path other) throws Exception {
        committed(dir);
        Path outside = Files.writeString(other.resolve("packed"), "# pack-refs with: peeled fully-peeled sorted \n");
        Files.createSymbolicLink(dir.resolve(".git/packed-refs"), outside);

        Cli.Result r = Special.run("assess", dir.toString());

        assertClean(r);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(r.err()).contains(".git/packed-refs is a symbolic link to outside the git directory");
    }

    /** 16.9: with `ln -s /other/.git .git`, history read the other repository while assess said "not followed". */
    @Test
    void aGitDirectoryThatIsALinkIsNeverFollowedByAssessOrHistory(@TempDir Path dir, @TempDir Path other) throws Exception {
        FixtureRepo.git(other).file("secret.py", ML_CODE).commit("another repository's history");
        Files.writeString(dir.resolve("train.py"), ML_CODE);
        Files.createSymbolicLink(dir.resolve(".git"), other.resolve(".git"));

        Cli.Result assess = Special.run("assess", "--format", "json", dir.toString());
        Cli.Result history = Special.run("history", dir.toString());

        assertClean(assess);
        assertThat(assess.exitCode()).as(assess.err()).isZero();
        assertThat(assess.out()).contains(".git is a symbolic link, which is not followed; scanned as plain files without history")
                .doesNotContain("secret.py").contains("\"repository\" : false");
        assertClean(history);
        assertThat(history.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(history.err()).contains(".git is a symbolic link, which is not followed").doesNotContain("another repository");
        assertThat(history.out()).doesNotContain("another repository");
    }

    /** 16.9: a ".git" file naming another work tree's git directory borrowed its history. */
    @Test
    void aGitdirFilePointingAtAnotherRepositoryIsNotBorrowed(@TempDir Path dir, @TempDir Path other) throws Exception {
        FixtureRepo.git(other).file("secret.py", ML_CODE).commit("another repository's history");
        Files.writeString(dir.resolve("train.py"), ML_CODE);
        Files.writeString(dir.resolve(".git"), "gitdir: " + other.resolve(".git") + "\n");

        Cli.Result assess = Special.run("assess", "--format", "json", dir.toString());
        Cli.Result history = Special.run("history", dir.toString());

        assertClean(assess);
        assertThat(assess.exitCode()).as(assess.err()).isZero();
        assertThat(assess.out()).contains("a git directory that does not name this work tree").contains("\"repository\" : false");
        assertClean(history);
        assertThat(history.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(history.err()).contains("a git directory that does not name this work tree");
    }

    /** 16.4: a commit whose tree is 3,500 directories deep overflowed CommitSource's recursion (exit 1, a stack trace). */
    @Test
    void aCommitWithATreeThousandsDeepIsWalkedToABound(@TempDir Path dir) throws Exception {
        FixtureRepo repo = FixtureRepo.git(dir).file("train.py", ML_CODE);
        Path deep = dir;
        for (int i = 0; i < 3500; i++) {
            deep = deep.resolve("d");
        }
        // Made through a relative walk: an absolute path 7,000 characters long is beyond PATH_MAX.
        String rel = "d/".repeat(3500) + "x.py";
        try (var git = org.eclipse.jgit.api.Git.open(dir.toFile());
             var inserter = git.getRepository().newObjectInserter()) {
            var blob = inserter.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB, "x = 1\n".getBytes());
            org.eclipse.jgit.lib.ObjectId tree = null;
            org.eclipse.jgit.lib.TreeFormatter leaf = new org.eclipse.jgit.lib.TreeFormatter();
            leaf.append("x.py", org.eclipse.jgit.lib.FileMode.REGULAR_FILE, blob);
            tree = inserter.insert(leaf);
            for (int i = 0; i < 3500; i++) {
                org.eclipse.jgit.lib.TreeFormatter up = new org.eclipse.jgit.lib.TreeFormatter();
                up.append("d", org.eclipse.jgit.lib.FileMode.TREE, tree);
                tree = inserter.insert(up);
            }
            var train = inserter.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB, ML_CODE.getBytes());
            org.eclipse.jgit.lib.TreeFormatter top = new org.eclipse.jgit.lib.TreeFormatter();
            top.append("d", org.eclipse.jgit.lib.FileMode.TREE, tree);
            top.append("train.py", org.eclipse.jgit.lib.FileMode.REGULAR_FILE, train);
            var rootTree = inserter.insert(top);
            org.eclipse.jgit.lib.CommitBuilder commit = new org.eclipse.jgit.lib.CommitBuilder();
            commit.setTreeId(rootTree);
            var who = new org.eclipse.jgit.lib.PersonIdent("a", "a@example.com");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("deep\n");
            var id = inserter.insert(commit);
            inserter.flush();
            var update = git.getRepository().updateRef("refs/heads/main");
            update.setNewObjectId(id);
            update.forceUpdate();
        }
        assertThat(rel).hasSizeGreaterThan(7000);
        assertThat(repo.root()).isEqualTo(dir);

        Cli.Result r = Special.run("history", "--verbose", dir.toString());

        assertClean(r);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("directories nested more than 200 deep, not walked");
    }
}
