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
                .isInstanceOf(ScaffoldException.class).hasMessageContaining("already exists");
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
                .hasMessageContaining("cannot write in /proc/self");
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
}
