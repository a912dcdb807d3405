package dev.mlproj.rubric;

import dev.mlproj.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `rubric validate` is strict and names file:line:col for every kind of mistake. */
class RubricValidationTest {

    private static final String CRITERION = """
            rubric: extra
            extends: builtin
            criteria:
              - id: X-notebook-outputs
                title: Notebooks are executed
                level: 1
                focus: data
                weight: 1
                why: Executed notebooks show their results.
                source: "seed 000"
                detection: A notebook with outputs.
                detect: {fact: NOTEBOOK_EXECUTED}
                fix: Run the notebook before committing it.
            """;

    private Cli.Result validate(Path dir, String text) throws Exception {
        Path file = dir.resolve("rubric.yaml");
        Files.writeString(file, text);
        return Cli.run("rubric", "validate", file.toString());
    }

    @Test
    void validExtensionPasses(@TempDir Path dir) throws Exception {
        Cli.Result r = validate(dir, CRITERION);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("valid");
    }

    @Test
    void syntaxErrorNamesLineAndColumn(@TempDir Path dir) throws Exception {
        Cli.Result r = validate(dir, "rubric: extra\nextends: builtin\ncriteria:\n  - id: [unclosed\n");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).containsPattern("rubric\\.yaml:\\d+:\\d+: YAML syntax error");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownKeyNamesItsPosition(@TempDir Path dir) throws Exception {
        Cli.Result r = validate(dir, CRITERION.replace("    weight: 1\n", "    weight: 1\n    wieght: 2\n"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("rubric.yaml:9:5: unknown key 'wieght' in a criterion");
    }

    @Test
    void unknownKeyInsideADetector(@TempDir Path dir) throws Exception {
        Cli.Result r = validate(dir, CRITERION.replace("{fact: NOTEBOOK_EXECUTED}", "{fact: NOTEBOOK_EXECUTED, minimum: 2}"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("rubric.yaml:12:").contains("unknown key 'minimum'");
    }

    @Test
    void wrongTypeIsReported(@TempDir Path dir) throws Exception {
        Cli.Result r = validate(dir, CRITERION.replace("weight: 1", "weight: heavy"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("rubric.yaml:8:13: 'weight' must be an integer, not a string");
    }

    @Test
    void duplicateIdIsReported(@TempDir Path dir) throws Exception {
        Cli.Result r = validate(dir, CRITERION.replace("X-notebook-outputs", "L3-docker"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("rubric.yaml:4:").contains("duplicate criterion id 'L3-docker'");
    }

    @Test
    void danglingReferenceIsReported(@TempDir Path dir) throws Exception {
        Cli.Result r = validate(dir, CRITERION.replace("{fact: NOTEBOOK_EXECUTED}", "{criterion: L9-nothing}"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("rubric.yaml:12:").contains("unknown criterion 'L9-nothing'");
    }

    @Test
    void referenceCycleIsReported(@TempDir Path dir) throws Exception {
        String two = CRITERION.replace("{fact: NOTEBOOK_EXECUTED}", "{criterion: X-b}") + """
                  - id: X-b
                    title: B
                    level: 1
                    focus: data
                    why: b
                    source: b
                    detection: b
                    detect: {criterion: X-notebook-outputs}
                    fix: b
                """;
        Cli.Result r = validate(dir, two);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cycle");
    }

    @Test
    void badRegexAndUnknownFactAndFocus(@TempDir Path dir) throws Exception {
        Cli.Result regex = validate(dir, CRITERION.replace("{fact: NOTEBOOK_EXECUTED}", "{python: 'a(b'}"));
        assertThat(regex.exitCode()).isEqualTo(2);
        assertThat(regex.err()).contains("rubric.yaml:12:").contains("invalid regular expression");

        Cli.Result fact = validate(dir, CRITERION.replace("NOTEBOOK_EXECUTED", "DOCKERFILES"));
        assertThat(fact.err()).contains("unknown fact 'DOCKERFILES'");

        Cli.Result focus = validate(dir, CRITERION.replace("focus: data", "focus: vibes"));
        assertThat(focus.err()).contains("rubric.yaml:7:12: unknown focus 'vibes'");
    }

    @Test
    void emptyAndMissingFiles(@TempDir Path dir) throws Exception {
        assertThat(validate(dir, "").err()).contains("rubric.yaml:1:1: the file is empty");
        Cli.Result missing = Cli.run("rubric", "validate", dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml: cannot be read");
    }

    @Test
    void aliasBombIsRefused(@TempDir Path dir) throws Exception {
        StringBuilder bomb = new StringBuilder("rubric: bomb\nextends: builtin\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        Cli.Result r = validate(dir, bomb.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("rubric.yaml:");
    }

    @Test
    void builtinRubricIsValidAndEveryCriterionQuotesASeed() throws Exception {
        Rubric rubric = new RubricLoader().builtin();
        assertThat(rubric.levels()).hasSize(5);
        assertThat(rubric.focusAreas()).extracting(FocusArea::id).containsExactly("data", "models", "architecture", "product");
        for (int level = 1; level <= 5; level++) {
            int l = level;
            assertThat(rubric.criteria().stream().filter(c -> c.level() == l).count()).as("level %d", l).isBetween(8L, 17L);
        }
        assertThat(rubric.criteria()).allSatisfy(c -> assertThat(c.source()).matches("(?s)seed 00[012].*\".+\".*"));
        assertThat(rubric.criteria().stream().filter(Criterion::isWalkthrough).count()).isGreaterThanOrEqualTo(10);
    }
}
