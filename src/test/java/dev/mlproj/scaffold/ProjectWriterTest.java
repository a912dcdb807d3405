package dev.mlproj.scaffold;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectWriterTest {

    @TempDir
    Path tmp;

    private static PlannedFile file(String path, String content) {
        return new PlannedFile(path, content.getBytes(StandardCharsets.UTF_8), "test", List.of());
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void createsTheWholeProject() throws Exception {
        Path target = tmp.resolve("proj");
        ProjectWriter.createProject(target, List.of(file("README.md", "hi"), file("pkg/a.py", "x = 1\n")), false);
        assertThat(Files.readString(target.resolve("pkg/a.py"))).isEqualTo("x = 1\n");
        assertThat(listing(tmp)).containsExactly("", "proj", "proj/README.md", "proj/pkg", "proj/pkg/a.py");
    }

    @Test
    void aFailureHalfWayLeavesNothingBehind() throws Exception {
        Path target = tmp.resolve("proj");
        // "a" is written as a file, then "a/b" cannot be: the failure comes after the first write.
        List<PlannedFile> plan = List.of(file("README.md", "hi"), file("a", "file"), file("a/b", "under a file"));
        assertThatThrownBy(() -> ProjectWriter.createProject(target, plan, false)).isInstanceOf(ScaffoldException.class);
        assertThat(listing(tmp)).containsExactly("");
    }

    @Test
    void aNonEmptyTargetIsRefusedAndLeftUntouchedWithoutForce() throws Exception {
        Path target = tmp.resolve("proj");
        Files.createDirectories(target);
        Files.writeString(target.resolve("README.md"), "mine");
        assertThatThrownBy(() -> ProjectWriter.createProject(target, List.of(file("README.md", "theirs"), file("new.txt", "n")), false))
                .isInstanceOf(ScaffoldException.class).hasMessageContaining("not empty");
        assertThat(Files.readString(target.resolve("README.md"))).isEqualTo("mine");
        assertThat(listing(tmp)).containsExactly("", "proj", "proj/README.md");

        ProjectWriter.createProject(target, List.of(file("README.md", "theirs"), file("new.txt", "n")), true);
        assertThat(Files.readString(target.resolve("README.md"))).isEqualTo("theirs");
        assertThat(target.resolve("new.txt")).exists();
    }

    @Test
    void anEmptyExistingTargetIsFilled() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("proj"));
        ProjectWriter.createProject(target, List.of(file("a.txt", "a")), false);
        assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("a");
    }

    @Test
    void neverWritesThroughASymbolicLink() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.createSymbolicLink(repo.resolve("configs"), outside);
        assertThatThrownBy(() -> ProjectWriter.addFiles(repo, List.of(file("configs/config.yaml", "x: 1\n"))))
                .isInstanceOf(ScaffoldException.class).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> ProjectWriter.createProject(repo, List.of(file("configs/config.yaml", "x: 1\n")), true))
                .isInstanceOf(ScaffoldException.class).hasMessageContaining("symbolic link");
        assertThat(listing(outside)).containsExactly("");
        Path linkTarget = tmp.resolve("link");
        Files.createSymbolicLink(linkTarget, outside);
        assertThatThrownBy(() -> ProjectWriter.createProject(linkTarget, List.of(file("a", "a")), false))
                .isInstanceOf(ScaffoldException.class);
        assertThat(listing(outside)).containsExactly("");
    }

    @Test
    void addFilesNeverReplacesAnExistingFile() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("Dockerfile"), "mine");
        assertThatThrownBy(() -> ProjectWriter.addFiles(repo, List.of(file("new/a.py", "a"), file("Dockerfile", "theirs"))))
                .isInstanceOf(ScaffoldException.class).hasMessageContaining("Dockerfile exists now");
        assertThat(Files.readString(repo.resolve("Dockerfile"))).isEqualTo("mine");
        assertThat(listing(repo)).containsExactly("", "Dockerfile");

        ProjectWriter.addFiles(repo, List.of(file("new/deep/a.py", "a")));
        assertThat(listing(repo)).containsExactly("", "Dockerfile", "new", "new/deep", "new/deep/a.py");
    }

    @Test
    void aReadOnlyFileSystemFailsCleanly() {
        // /proc refuses new entries even to root, so this holds in CI, which runs as root.
        Path target = Path.of("/proc/mlproj-read-only-test/proj");
        assertThatThrownBy(() -> ProjectWriter.createProject(target, List.of(file("a", "a")), false))
                .isInstanceOf(ScaffoldException.class)
                .satisfies(e -> assertThat(((ScaffoldException) e).refused()).isFalse())
                .hasMessageContaining("cannot");
        assertThat(Path.of("/proc/mlproj-read-only-test")).doesNotExist();
    }

    @Test
    void addingToAReadOnlyDirectoryFailsCleanly() {
        // /proc/self is a directory nobody can create entries in, root included.
        assertThatThrownBy(() -> ProjectWriter.addFiles(Path.of("/proc/self"), List.of(file("mlproj-test.txt", "x"))))
                .isInstanceOf(ScaffoldException.class)
                .satisfies(e -> assertThat(((ScaffoldException) e).refused()).isFalse())
                .hasMessageContaining("cannot write /proc/self");
        assertThat(Path.of("/proc/self/mlproj-test.txt")).doesNotExist();
    }

    @Test
    void aFailureHalfWayThroughAddingTakesEverythingBackOutRecordIncluded() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(repo.resolve("tests"), "a file where a directory is needed");
        Files.createDirectories(repo.resolve(".mlproj"));
        Files.writeString(repo.resolve(".mlproj/scaffold.json"), "{\"files\": []}\n");
        var before = dev.mlproj.testing.TreeSnapshot.of(repo);
        List<PlannedFile> plan = List.of(file("configs/config.yaml", "seed: 1\n"), file("pkg/config.py", "X = 1\n"),
                file("tests/test_config.py", "def test(): assert True\n"));

        assertThatThrownBy(() -> ProjectWriter.addFiles(repo, plan, file(".mlproj/scaffold.json", "{\"files\": [1]}\n")))
                .isInstanceOf(ScaffoldException.class).hasMessageContaining("nothing was kept");

        assertThat(dev.mlproj.testing.TreeSnapshot.of(repo)).containsOnlyKeys(before.keySet());
        assertThat(Files.readString(repo.resolve(".mlproj/scaffold.json"))).isEqualTo("{\"files\": []}\n");
        assertThat(listing(tmp)).containsExactlyInAnyOrder("", "repo", "repo/tests", "repo/.mlproj", "repo/.mlproj/scaffold.json");
    }

    @Test
    void aForcedWriteThatFailsHalfWayPutsTheReplacedFilesBack() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("proj"));
        Files.writeString(target.resolve("README.md"), "mine");
        Files.writeString(target.resolve("notes.txt"), "also mine");
        Files.writeString(target.resolve("a"), "a file of mine");
        // README.md is replaced first; then "a/b" cannot be written under the file "a".
        List<PlannedFile> plan = List.of(file("README.md", "theirs"), file("z/new.txt", "new"), file("a/b", "under a file"));

        assertThatThrownBy(() -> ProjectWriter.createProject(target, plan, true))
                .isInstanceOf(ScaffoldException.class).hasMessageContaining("nothing was changed");

        assertThat(Files.readString(target.resolve("README.md"))).isEqualTo("mine");
        assertThat(Files.readString(target.resolve("a"))).isEqualTo("a file of mine");
        assertThat(listing(tmp)).containsExactlyInAnyOrder("", "proj", "proj/README.md", "proj/notes.txt", "proj/a");
    }

    @Test
    void forceNeverReplacesADirectoryWithAFile() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("proj/docs"));
        Files.writeString(target.resolve("index.md"), "mine");
        assertThatThrownBy(() -> ProjectWriter.createProject(tmp.resolve("proj"), List.of(file("docs", "a file")), true))
                .isInstanceOf(ScaffoldException.class).hasMessageContaining("docs is a directory");
        assertThat(Files.readString(target.resolve("index.md"))).isEqualTo("mine");
    }

    private static Path gitRepo(Path dir) throws Exception {
        org.eclipse.jgit.api.Git.init().setDirectory(dir.toFile()).call().close();
        return dir;
    }

    /** Everything in the work tree, .git left out: what a scan and git status see. */
    private static List<String> workTree(Path repo) throws Exception {
        return listing(repo).stream().filter(p -> !p.equals(".git") && !p.startsWith(".git/")).toList();
    }

    @Test
    void nextStagesInTheGitDirectoryNeverInTheTreeItWritesInto() throws Exception {
        Path repo = gitRepo(tmp.resolve("repo"));
        List<PlannedFile> plan = List.of(file("configs/config.yaml", "seed: 1\n"), file("pkg/config.py", "X = 1\n"));
        List<List<String>> seen = new java.util.ArrayList<>();

        ProjectWriter.addFiles(repo, plan, file(".mlproj/scaffold.json", "{\"files\": []}\n"), () -> {
            try {
                seen.add(workTree(repo));
                try (Stream<Path> s = Files.list(repo.resolve(".git"))) {
                    seen.add(s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".mlproj-")).toList());
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        assertThat(seen.get(0)).as("the work tree while the files are staged").containsExactly("");
        assertThat(seen.get(1)).singleElement().asString().matches("\\.next\\.mlproj-" + ProcessHandle.current().pid() + "-[0-9a-z]+");
        assertThat(workTree(repo)).containsExactlyInAnyOrder("", ".mlproj", ".mlproj/scaffold.json", "configs", "configs/config.yaml",
                "pkg", "pkg/config.py");
        try (Stream<Path> s = Files.list(repo.resolve(".git"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("mlproj"));
        }
    }

    @Test
    void outsideARepositoryNextStagesBesideTheDirectory() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plain"));
        List<String> inside = new java.util.ArrayList<>();
        List<String> beside = new java.util.ArrayList<>();
        ProjectWriter.addFiles(dir, List.of(file("a.py", "a = 1\n")), null, () -> {
            try {
                inside.addAll(listing(dir));
                beside.addAll(listing(tmp));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(inside).containsExactly("");
        assertThat(beside).anyMatch(n -> n.matches("\\.plain\\.mlproj-\\d+-[0-9a-z]+"));
        assertThat(listing(tmp)).containsExactlyInAnyOrder("", "plain", "plain/a.py");
    }

    @Test
    void aFileCreatedAfterThePlanIsNeverReplacedAndTheRunTakesItsOwnFilesBack() throws Exception {
        Path repo = gitRepo(tmp.resolve("repo"));
        Files.createDirectories(repo.resolve(".mlproj"));
        Files.writeString(repo.resolve(".mlproj/scaffold.json"), "{\"files\": []}\n");
        List<PlannedFile> plan = List.of(file("a/first.py", "first\n"), file("configs/config.yaml", "seed: 1\n"), file("z.py", "z\n"));

        // The user's file appears after the plan was made and the files were staged (O_EXCL, as an editor saves).
        assertThatThrownBy(() -> ProjectWriter.addFiles(repo, plan, file(".mlproj/scaffold.json", "{\"files\": [1]}\n"), () -> {
            try {
                Files.createDirectories(repo.resolve("configs"));
                Files.writeString(repo.resolve("configs/config.yaml"), "mine\n", java.nio.file.StandardOpenOption.CREATE_NEW);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        })).isInstanceOf(ScaffoldException.class)
                .satisfies(e -> assertThat(((ScaffoldException) e).refused()).isTrue())
                .hasMessageContaining("configs/config.yaml was created by someone else while mlproj was writing");

        assertThat(repo.resolve("configs/config.yaml")).hasContent("mine");
        assertThat(Files.readString(repo.resolve(".mlproj/scaffold.json"))).isEqualTo("{\"files\": []}\n");
        assertThat(workTree(repo)).containsExactlyInAnyOrder("", ".mlproj", ".mlproj/scaffold.json", "configs", "configs/config.yaml");
        try (Stream<Path> s = Files.list(repo.resolve(".git"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("mlproj"));
        }
    }

    @Test
    void staleStagingOfADeadRunIsRemovedByTheNextRunAndALiveOnesIsLeft() throws Exception {
        Path repo = gitRepo(tmp.resolve("repo"));
        Path stale = Files.createDirectories(repo.resolve(".git/.next.mlproj-" + dev.mlproj.testing.Pids.dead() + "-k3/configs"));
        Files.writeString(stale.resolve("config.yaml"), "seed: 1\n");
        Path live = Files.createDirectories(repo.resolve(".git/.next.mlproj-" + dev.mlproj.testing.Pids.aliveOther() + "-k4"));
        Path besideNew = Files.createDirectories(tmp.resolve(".proj.mlproj-" + dev.mlproj.testing.Pids.dead() + "-k5/pkg"));

        ProjectWriter.addFiles(repo, List.of(file("a.py", "a\n")));
        ProjectWriter.createProject(tmp.resolve("proj"), List.of(file("README.md", "hi")), false);

        assertThat(stale.getParent()).doesNotExist();
        assertThat(besideNew.getParent()).doesNotExist();
        assertThat(live).isDirectory();
    }

    @Test
    void anEmptyDirectoryIsFilledInPlaceNeverRemovedAndMadeAgain() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("here"));
        Object inode = Files.readAttributes(target, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        ProjectWriter.createProject(target, List.of(file("README.md", "hi"), file("pkg/a.py", "a\n")), false);

        assertThat(Files.readAttributes(target, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(inode);
        assertThat(listing(tmp)).containsExactlyInAnyOrder("", "here", "here/README.md", "here/pkg", "here/pkg/a.py");
    }

    @Test
    void aNewProjectTakesItsPermissionsFromTheUmask() throws Exception {
        Path target = tmp.resolve("proj");
        ProjectWriter.createProject(target, List.of(file("README.md", "hi"), file("pkg/a.py", "a\n")), false);
        String dirMode = java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(Files.createDirectory(tmp.resolve("probe"))));
        String fileMode = java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(Files.writeString(tmp.resolve("probe.txt"), "x")));
        for (Path dir : List.of(target, target.resolve("pkg"))) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as(dir.toString())
                    .isEqualTo(dirMode);
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("pkg/a.py"))))
                .isEqualTo(fileMode);
    }

    @Test
    void theCheckFindsWhatForceReplacesAndRefusesAsTheRunWould() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("proj"));
        Files.writeString(target.resolve("README.md"), "mine");
        List<PlannedFile> plan = List.of(file("README.md", "theirs"), file("new.txt", "n"));
        assertThatThrownBy(() -> ProjectWriter.checkProject(target, plan, false)).isInstanceOf(ScaffoldException.class)
                .satisfies(e -> assertThat(((ScaffoldException) e).refused()).isTrue()).hasMessageContaining("not empty");
        assertThat(ProjectWriter.checkProject(target, plan, true).replaced()).containsExactly("README.md");
        assertThat(listing(tmp)).containsExactly("", "proj", "proj/README.md");
    }
}
