package dev.mlproj.fetch;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RepoSourceTest {

    private static final Path BASE = Path.of("/cohorts/2025");

    @Test
    void urlsAreClonedAndPathsAssessedInPlace() {
        assertThat(RepoSource.locate("https://github.com/a/b.git", "", BASE)).isEqualTo(new RepoSource.Remote("https://github.com/a/b.git"));
        assertThat(RepoSource.locate("ssh://git@host:2222/a/b", "", BASE)).isEqualTo(new RepoSource.Remote("ssh://git@host:2222/a/b"));
        assertThat(RepoSource.locate("git@github.com:a/b.git", "", BASE)).isEqualTo(new RepoSource.Remote("git@github.com:a/b.git"));
        assertThat(RepoSource.locate("file:///srv/repos/a", "v1", BASE)).isEqualTo(new RepoSource.Remote("file:///srv/repos/a"));
        assertThat(RepoSource.locate("../repos/a", "", BASE)).isEqualTo(new RepoSource.Local(Path.of("/cohorts/repos/a")));
        assertThat(RepoSource.locate("/abs/b", "", BASE)).isEqualTo(new RepoSource.Local(Path.of("/abs/b")));
        assertThat(RepoSource.locate("odd:name", "", BASE)).isEqualTo(new RepoSource.Local(Path.of("/cohorts/2025/odd:name")));
    }

    @Test
    void aPathWithARevIsClonedSoTheUsersWorkTreeIsNeverTouched() {
        assertThat(RepoSource.locate("students/a", "main", BASE)).isEqualTo(new RepoSource.Remote("file:///cohorts/2025/students/a"));
    }
}
