package dev.mlproj.fetch;

import dev.mlproj.testing.FixtureRepo;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepoCacheTest {

    @TempDir
    Path temp;

    private FixtureRepo twoCommits() {
        return FixtureRepo.git(temp.resolve("origin"))
                .file("README.md", "# first\n").commit("first").tag("v1")
                .file("README.md", "# second\n").file("src/app.py", "print('hi')\n").commit("second");
    }

    private static String head(FixtureRepo repo, String rev) throws Exception {
        return repo.git().getRepository().resolve(rev + "^{commit}").name();
    }

    @Test
    void clonesAndChecksOutEachRevInItsOwnWorkTree() throws Exception {
        FixtureRepo origin = twoCommits();
        String url = origin.root().toUri().toString();
        RepoCache cache = new RepoCache(temp.resolve("cache"));
        try (Checkout main = cache.checkout(url, ""); Checkout v1 = cache.checkout(url, "v1")) {
            assertThat(main.commit()).isEqualTo(head(origin, Constants.HEAD));
            assertThat(v1.commit()).isEqualTo(head(origin, "v1"));
            assertThat(main.dir()).isNotEqualTo(v1.dir());
            assertThat(Files.readString(main.dir().resolve("README.md"))).isEqualTo("# second\n");
            assertThat(Files.readString(v1.dir().resolve("README.md"))).isEqualTo("# first\n");
            assertThat(v1.dir().resolve("src/app.py")).doesNotExist();
            assertThat(main.dir().getParent().getParent()).isEqualTo(cache.entry(url));
        }
        try (Checkout bySha = cache.checkout(url, head(origin, "v1").substring(0, 10))) {
            assertThat(Files.readString(bySha.dir().resolve("README.md"))).isEqualTo("# first\n");
        }
    }

    @Test
    void aLaterRunFetchesAgainAndResetsWhatWasLeftInTheTree() throws Exception {
        FixtureRepo origin = twoCommits();
        String url = origin.root().toUri().toString();
        Path dir;
        try (Checkout first = new RepoCache(temp.resolve("cache")).checkout(url, "")) {
            dir = first.dir();
            Files.writeString(dir.resolve("stray.txt"), "left behind");
            Files.writeString(dir.resolve("README.md"), "edited in the cache");
        }
        origin.file("README.md", "# third\n").commit("third");
        try (Checkout again = new RepoCache(temp.resolve("cache")).checkout(url, "")) {
            assertThat(again.dir()).isEqualTo(dir);
            assertThat(again.commit()).isEqualTo(head(origin, Constants.HEAD));
            assertThat(Files.readString(dir.resolve("README.md"))).isEqualTo("# third\n");
            assertThat(dir.resolve("stray.txt")).doesNotExist();
        }
    }

    @Test
    void aDamagedEntryIsMadeAgain() throws Exception {
        FixtureRepo origin = twoCommits();
        String url = origin.root().toUri().toString();
        RepoCache cache = new RepoCache(temp.resolve("cache"));
        Path mirror = cache.entry(url).resolve("mirror.git");
        Files.createDirectories(mirror);
        Files.writeString(mirror.resolve("junk"), "not a repository");
        try (Checkout c = cache.checkout(url, "v1")) {
            assertThat(c.commit()).isEqualTo(head(origin, "v1"));
            assertThat(mirror.resolve("junk")).doesNotExist();
        }
    }

    @Test
    void failuresAreOneLineReasons() throws Exception {
        FixtureRepo origin = twoCommits();
        String url = origin.root().toUri().toString();
        RepoCache cache = new RepoCache(temp.resolve("cache"));
        assertThatThrownBy(() -> cache.checkout(url, "no-such-branch"))
                .isInstanceOf(FetchException.class)
                .hasMessage("rev 'no-such-branch' not found in " + url + " (no such branch, tag or commit)");
        String missing = temp.resolve("nowhere").toUri().toString();
        assertThatThrownBy(() -> cache.checkout(missing, ""))
                .isInstanceOf(FetchException.class)
                .hasMessageStartingWith("clone " + missing + " failed: ")
                .hasMessageNotContaining("\n");
        assertThat(cache.entry(missing)).satisfies(entry -> assertThat(Files.exists(entry.resolve("mirror.git"))).isFalse());
        FixtureRepo empty = FixtureRepo.git(temp.resolve("empty"));
        assertThatThrownBy(() -> cache.checkout(empty.root().toUri().toString(), ""))
                .hasMessageEndingWith(": the repository has no commits");
    }

    @Test
    void sshUrlsGoThroughTheSshTransport() {
        // Nothing listens on port 1 of the loopback address: the transport is there, the connection is refused.
        RepoCache cache = new RepoCache(temp.resolve("cache"));
        assertThatThrownBy(() -> cache.checkout("ssh://git@127.0.0.1:1/cohort/repo.git", ""))
                .isInstanceOf(FetchException.class)
                .hasMessageStartingWith("clone ssh://git@127.0.0.1:1/cohort/repo.git failed: ")
                .hasMessageNotContaining("SshSessionFactory")
                .hasMessageNotContaining("\n");
    }

    @Test
    void entriesAreNamedReadablyAndKeyedByTheUrl() {
        RepoCache cache = new RepoCache(temp);
        Path a = cache.entry("https://github.com/org/Fraud-Platform.git");
        assertThat(a.getFileName().toString()).matches("fraud-platform-[0-9a-f]{16}");
        assertThat(cache.entry("https://gitlab.com/org/Fraud-Platform.git")).isNotEqualTo(a);
        assertThat(cache.entry("git@github.com:org/x.git").getFileName().toString()).startsWith("x-");
        assertThat(RepoCache.slug("https://h/My Repo%1/")).isEqualTo("my_repo_1");
        assertThat(RepoCache.slug("///")).isEqualTo("repo");
    }

    @Test
    void defaultRootFollowsXdg() {
        assertThat(RepoCache.defaultRoot(Map.of("XDG_CACHE_HOME", "/xdg"), "/home/u")).isEqualTo(Path.of("/xdg/mlproj/repos"));
        assertThat(RepoCache.defaultRoot(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.cache/mlproj/repos"));
        assertThat(RepoCache.defaultRoot(Map.of("XDG_CACHE_HOME", "relative"), "/home/u")).isEqualTo(Path.of("/home/u/.cache/mlproj/repos"));
    }

    @Test
    void temporaryClonesOfAKilledRunAreRemovedByTheNextRunAndNoneOfItsOwnStay() throws Exception {
        FixtureRepo origin = twoCommits();
        String url = origin.root().toUri().toString();
        RepoCache cache = new RepoCache(temp.resolve("cache"));
        long dead = dev.mlproj.testing.Pids.dead();
        Path entry = cache.entry(url);
        Path staleMirror = Files.createDirectories(entry.resolve(".mirror.mlproj-" + dead + "-a1/objects"));
        Path staleTree = Files.createDirectories(entry.resolve("trees/.tree.mlproj-" + dead + "-a2/src"));

        try (Checkout checkout = cache.checkout(url, "")) {
            assertThat(Files.readString(checkout.dir().resolve("README.md"))).isEqualTo("# second\n");
        }

        assertThat(staleMirror.getParent()).doesNotExist();
        assertThat(staleTree.getParent()).doesNotExist();
        try (var all = Files.walk(temp.resolve("cache"))) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".mlproj-"));
        }
    }
}
