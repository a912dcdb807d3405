package dev.mlproj.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepoConfigTest {

    private static final String FILE = "repo/.mlproj.yaml";

    @Test
    void readsFocusWaiversAndRubricsWithTheirPositions() throws Exception {
        RepoConfig config = RepoConfig.parse(FILE, """
                focus: architecture
                waivers:
                  - criterion: L3-load-testing
                    reason: A nightly batch job; there is no live traffic to load-test.
                rubrics: [ci/team.yaml]
                """);
        assertThat(config.focusId()).isEqualTo("architecture");
        assertThat(config.waivers()).singleElement().satisfies(w -> {
            assertThat(w.criterion()).isEqualTo("L3-load-testing");
            assertThat(w.reason()).startsWith("A nightly batch job");
            assertThat(w.at().line()).isEqualTo(3);
        });
        assertThat(config.rubrics()).extracting(RepoConfig.Declared::value).containsExactly("ci/team.yaml");
        config.check(Set.of("L3-load-testing"), List.of("data", "architecture"));
    }

    @Test
    void anEmptyMappingDeclaresNothing() throws Exception {
        RepoConfig config = RepoConfig.parse(FILE, "waivers: []\n");
        assertThat(config.present()).isTrue();
        assertThat(config.focusId()).isNull();
        assertThat(config.waivers()).isEmpty();
    }

    @Test
    void unknownKeysAndWrongTypesNameTheirPosition() {
        assertThatThrownBy(() -> RepoConfig.parse(FILE, "focus: data\nminLevel: 1\n"))
                .hasMessageStartingWith(FILE + ":2:1: unknown key 'minLevel'");
        assertThatThrownBy(() -> RepoConfig.parse(FILE, "focus: [data]\n"))
                .hasMessageStartingWith(FILE + ":1:8: 'focus' must be a string");
        assertThatThrownBy(() -> RepoConfig.parse(FILE, "waivers: L3-docker\n"))
                .hasMessageStartingWith(FILE + ":1:10: 'waivers' must be a list");
        assertThatThrownBy(() -> RepoConfig.parse(FILE, "waivers:\n  - criterion: L3-docker\n    reason: ok\n    until: 2027\n"))
                .hasMessageStartingWith(FILE + ":4:5: unknown key 'until' in a waiver");
        assertThatThrownBy(() -> RepoConfig.parse(FILE, "focus: data\n  bad: [\n"))
                .hasMessageStartingWith(FILE + ":").hasMessageContaining("YAML syntax error");
    }

    @Test
    void aWaiverNeedsAReasonThatSaysSomething() {
        assertThatThrownBy(() -> RepoConfig.parse(FILE, "waivers:\n  - criterion: L3-docker\n"))
                .hasMessageStartingWith(FILE + ":2:5: the waiver of 'L3-docker' needs a 'reason'");
        assertThatThrownBy(() -> RepoConfig.parse(FILE, "waivers:\n  - criterion: L3-docker\n    reason: n/a\n"))
                .hasMessageStartingWith(FILE + ":3:13: the reason for waiving 'L3-docker' is too short");
        assertThatThrownBy(() -> RepoConfig.parse(FILE, """
                waivers:
                  - {criterion: L3-docker, reason: "Serverless: packaged as a zip for Lambda."}
                  - {criterion: L3-docker, reason: "Said twice, which is a mistake to report."}
                """)).hasMessageStartingWith(FILE + ":3:5: 'L3-docker' is waived twice (first at line 2)");
    }

    @Test
    void namesAreCheckedAgainstTheRubric() throws Exception {
        RepoConfig config = RepoConfig.parse(FILE, "focus: mlops\n");
        assertThatThrownBy(() -> config.check(Set.of(), List.of("data", "models")))
                .hasMessage(FILE + ":1:8: unknown focus 'mlops' (expected one of: data, models)");
        RepoConfig waiver = RepoConfig.parse(FILE, "waivers:\n  - {criterion: L9-nothing, reason: \"No such criterion exists.\"}\n");
        assertThatThrownBy(() -> waiver.check(Set.of("L3-docker"), List.of("data")))
                .hasMessageStartingWith(FILE + ":2:5: waiver of unknown criterion 'L9-nothing'");
    }

    @Test
    void rubricPathsStayInsideTheRepository(@TempDir Path dir, @TempDir Path outside) throws Exception {
        for (String escape : List.of("../team.yaml", "/etc/team.yaml", "ci/../../team.yaml", "C:/team.yaml", "")) {
            assertThatThrownBy(() -> RepoConfig.parse(FILE, "rubrics: ['" + escape + "']\n"))
                    .as(escape).hasMessageContaining("must be relative to the repository and stay inside it");
        }
        Files.writeString(outside.resolve("team.yaml"), "rubric: x\n");
        Files.createSymbolicLink(dir.resolve("linked.yaml"), outside.resolve("team.yaml"));
        RepoConfig config = RepoConfig.parse(FILE, "rubrics: [linked.yaml, missing.yaml]\n");
        assertThatThrownBy(() -> config.resolve(dir, config.rubrics().get(0)))
                .hasMessageStartingWith(FILE + ":1:11: rubric file 'linked.yaml' leads outside the repository");
        assertThatThrownBy(() -> config.resolve(dir, config.rubrics().get(1)))
                .hasMessageContaining("rubric file 'missing.yaml' does not exist");
    }

    @Test
    void theFileIsFoundByEitherNameButNotBoth(@TempDir Path dir) throws Exception {
        assertThat(RepoConfig.read(dir).present()).isFalse();
        Files.writeString(dir.resolve(".mlproj.yml"), "focus: data\n");
        assertThat(RepoConfig.read(dir).focusId()).isEqualTo("data");
        Files.writeString(dir.resolve(".mlproj.yaml"), "focus: models\n");
        assertThatThrownBy(() -> RepoConfig.read(dir)).hasMessageContaining("both .mlproj.yaml and .mlproj.yml exist");
    }

    @Test
    void aSymlinkedConfigIsRefused(@TempDir Path dir, @TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("c.yaml"), "focus: data\n");
        Files.createSymbolicLink(dir.resolve(".mlproj.yaml"), outside.resolve("c.yaml"));
        assertThatThrownBy(() -> RepoConfig.read(dir)).hasMessageContaining("must be a regular file");
    }
}
