package dev.mlproj.scaffold;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Git's ownership rule. The test stands in for "another user" through SUDO_UID, which git (and mlproj)
 * honour when root runs under sudo: as root with SUDO_UID=4242, a directory root owns is another user's.
 * CI runs as root; elsewhere the test fails rather than skip when CI=true.
 */
class OwnershipTest {

    @TempDir
    Path tmp;

    private Path repo;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void asAnotherUser() throws Exception {
        boolean root = Ownership.currentUid(Map.of()) == 0L;
        if (!root) {
            assertThat(System.getenv("CI")).as("the ownership tests need root (CI runs as root)").isNull();
            org.junit.jupiter.api.Assumptions.abort("needs root");
        }
        repo = Files.createDirectories(tmp.resolve("repo/.git")).getParent();
        env.put("SUDO_UID", "4242");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", tmp.resolve("gitconfig").toString());
    }

    private void check() throws ScaffoldException {
        Ownership.check(List.of(repo, repo.resolve(".git")), repo, env);
    }

    @Test
    void anotherUsersRepositoryIsRefusedNamingTheOwnerAndTheWayToTrustIt() {
        assertThatThrownBy(this::check).isInstanceOf(ScaffoldException.class)
                .satisfies(e -> assertThat(((ScaffoldException) e).refused()).isTrue())
                .hasMessageContaining(repo + " is owned by root (uid 0), not by you (uid 4242)")
                .hasMessageContaining("git config --global --add safe.directory " + repo);
        env.put("SUDO_UID", "0");
        assertThatCode(this::check).doesNotThrowAnyException();
    }

    @Test
    void safeDirectoryInTheGlobalConfigurationTrustsItAsGitDoes() throws Exception {
        Path config = tmp.resolve("gitconfig");
        Files.writeString(config, "[safe]\n\tdirectory = " + tmp.resolve("elsewhere") + "\n\tdirectory = " + repo + "\n");
        assertThatCode(this::check).doesNotThrowAnyException();

        Files.writeString(config, "[safe]\n\tdirectory = *\n");
        assertThatCode(this::check).doesNotThrowAnyException();

        Files.writeString(config, "[safe]\n\tdirectory = " + tmp + "/*\n");
        assertThatCode(this::check).doesNotThrowAnyException();

        // An empty value clears the list before it.
        Files.writeString(config, "[safe]\n\tdirectory = *\n\tdirectory =\n");
        assertThatThrownBy(this::check).isInstanceOf(ScaffoldException.class);

        Files.writeString(config, "");
        env.put("GIT_CONFIG_COUNT", "1");
        env.put("GIT_CONFIG_KEY_0", "safe.directory");
        env.put("GIT_CONFIG_VALUE_0", repo.toString());
        assertThatCode(this::check).doesNotThrowAnyException();
    }

    @Test
    void theRepositorysOwnConfigurationCannotDeclareItselfSafe() throws Exception {
        Files.writeString(repo.resolve(".git/config"), "[safe]\n\tdirectory = *\n");
        assertThatThrownBy(this::check).isInstanceOf(ScaffoldException.class);
    }
}
