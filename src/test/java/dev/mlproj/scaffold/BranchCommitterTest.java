package dev.mlproj.scaffold;

import dev.mlproj.testing.FixtureRepo;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BranchCommitterTest {

    @TempDir
    Path tmp;

    private static PlannedFile file(String path, String content) {
        return new PlannedFile(path, content.getBytes(StandardCharsets.UTF_8), "test", List.of("L3-docker"));
    }

    @Test
    void commitsOnANewBranchWithoutTouchingTheWorkTreeIndexOrCurrentBranch() throws Exception {
        FixtureRepo fixture = FixtureRepo.git(tmp.resolve("repo"))
                .file("proj/train.py", "import sklearn\n").file("proj/.mlproj/scaffold.json", "{\"files\": []}\n")
                .commit("first");
        Path repo = fixture.root();
        Files.writeString(repo.resolve("proj/train.py"), "import sklearn  # uncommitted edit\n");
        Files.writeString(repo.resolve("proj/notes.txt"), "untracked\n");
        Git git = fixture.git();
        String branchBefore = git.getRepository().getFullBranch();
        ObjectId headBefore = git.getRepository().resolve("HEAD");
        Status statusBefore = git.status().call();

        String id = BranchCommitter.commit(repo.resolve("proj"), "mlproj/level-3", List.of(file("Dockerfile", "FROM x\n")),
                file(".mlproj/scaffold.json", "{\"files\": [1]}\n"), "mlproj next\n");

        assertThat(git.getRepository().getFullBranch()).isEqualTo(branchBefore);
        assertThat(git.getRepository().resolve("HEAD")).isEqualTo(headBefore);
        Status statusAfter = git.status().call();
        assertThat(statusAfter.getModified()).isEqualTo(statusBefore.getModified()).containsExactly("proj/train.py");
        assertThat(statusAfter.getUntracked()).isEqualTo(statusBefore.getUntracked());
        assertThat(repo.resolve("proj/Dockerfile")).doesNotExist();
        assertThat(Files.readString(repo.resolve("proj/train.py"))).contains("uncommitted edit");

        try (RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit commit = walk.parseCommit(git.getRepository().resolve("refs/heads/mlproj/level-3"));
            assertThat(commit.name()).isEqualTo(id);
            assertThat(commit.getParent(0).getId()).isEqualTo(headBefore);
            try (TreeWalk tw = TreeWalk.forPath(git.getRepository(), "proj/Dockerfile", commit.getTree())) {
                assertThat(tw).isNotNull();
                assertThat(new String(git.getRepository().open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8)).isEqualTo("FROM x\n");
            }
            try (TreeWalk tw = TreeWalk.forPath(git.getRepository(), "proj/.mlproj/scaffold.json", commit.getTree())) {
                assertThat(new String(git.getRepository().open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8)).contains("[1]");
            }
            try (TreeWalk tw = TreeWalk.forPath(git.getRepository(), "proj/train.py", commit.getTree())) {
                assertThat(new String(git.getRepository().open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("import sklearn\n");
            }
        }
    }

    @Test
    void refusesAnExistingBranchAFileAtHeadAndARepositoryWithoutCommits() throws Exception {
        FixtureRepo fixture = FixtureRepo.git(tmp.resolve("repo")).file("Dockerfile", "FROM mine\n").commit("first");
        Path repo = fixture.root();
        String current = fixture.git().getRepository().getBranch();
        assertThatThrownBy(() -> BranchCommitter.commit(repo, current, List.of(file("a", "a")), null, "m"))
                .hasMessageContaining("already exists");
        fixture.git().branchCreate().setName("taken").call();
        assertThatThrownBy(() -> BranchCommitter.commit(repo, "taken", List.of(file("a", "a")), null, "m"))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> BranchCommitter.commit(repo, "x", List.of(file("Dockerfile", "FROM theirs\n")), null, "m"))
                .hasMessageContaining("already exists at HEAD");
        assertThat(fixture.git().getRepository().exactRef("refs/heads/x")).isNull();
        assertThatThrownBy(() -> BranchCommitter.commit(repo, "bad..name", List.of(file("a", "a")), null, "m"))
                .hasMessageContaining("not a valid branch name");

        Path empty = FixtureRepo.git(tmp.resolve("empty")).root();
        assertThatThrownBy(() -> BranchCommitter.commit(empty, "x", List.of(file("a", "a")), null, "m"))
                .hasMessageContaining("at least one commit");
        assertThatThrownBy(() -> BranchCommitter.commit(Files.createDirectories(tmp.resolve("plain")), "x", List.of(file("a", "a")), null, "m"))
                .hasMessageContaining("not in one");
    }
}
