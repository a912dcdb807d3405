package dev.mlproj.scaffold;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The names git check-ref-format --branch refuses, refused; the ones it takes, taken. */
class BranchNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"HEAD", "@", "-x", "--force", "a..b", "a.lock", "x/a.lock/y", "a b", "a~1", "a^", "a:b", "a?", "a*",
            "a[b", "a\\b", "@{-1}", "x@{u}", ".hidden", "x/.y", "a/", "/a", "a//b", "a.", "tab\there", "bell\u0007", "del\u007f", ""})
    void namesGitRefusesAreRefused(String name) {
        assertThat(BranchNames.problem(name)).as(name).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlproj-next", "feature/level-3", "v1.0", "x@y", "a.b/c_d", "ünïcode", "HEADS", "head", "refs-x"})
    void namesGitTakesAreTaken(String name) {
        assertThat(BranchNames.problem(name)).as(name).isNull();
    }
}
