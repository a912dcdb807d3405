package dev.mlproj.rubric;

import dev.mlproj.testing.Cli;
import dev.mlproj.testing.FixtureRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rubrics written to hurt: too big, too deep, aliased, badly encoded, or with patterns and globs that
 * a backtracking engine would never finish. Each is refused with exit 2 and file:line:col, or assessed
 * to the end.
 */
class HostileRubricTest {

    private static final String CRITERION = """
              - id: X-%d
                title: Hostile %d
                level: 1
                focus: data
                why: w
                source: s
                detection: d
                detect: %s
                fix: f
            """;

    private static String rubric(String... detectors) {
        StringBuilder out = new StringBuilder("rubric: hostile\nextends: builtin\ncriteria:\n");
        for (int i = 0; i < detectors.length; i++) {
            out.append(CRITERION.formatted(i, i, detectors[i]));
        }
        return out.toString();
    }

    private static Cli.Result validate(Path dir, String text) throws Exception {
        Path file = dir.resolve("rubric.yaml");
        Files.writeString(file, text);
        return Cli.run("rubric", "validate", file.toString());
    }

    private static void assertRefused(Cli.Result r, String... message) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("mlproj: ").containsPattern("rubric\\.yaml:\\d+:\\d+: ")
                .doesNotContain("Exception").doesNotContain("\tat ");
        for (String m : message) {
            assertThat(r.err()).contains(m);
        }
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err().length()).isLessThan(450);
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsParsed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rubric.yaml");
        Files.writeString(file, "rubric: big\nextends: builtin\nsources:\n" + "  - padding\n".repeat(400_000));
        Cli.Result r = Cli.run("rubric", "validate", file.toString());
        assertRefused(r, "bytes, over the 4194304 limit");
    }

    @Test
    void aHugeDocumentUnderTheLimitIsJudgedAndRefused(@TempDir Path dir) throws Exception {
        assertRefused(validate(dir, "- x\n".repeat(900_000)), "the rubric must be a mapping, not a list");
        assertRefused(validate(dir, "rubric: x\nextends: builtin\n" + "k".repeat(300_000) + ": 1\n"));
    }

    @Test
    void nestingIsBounded(@TempDir Path dir) throws Exception {
        assertRefused(validate(dir, "rubric: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n"));
        assertRefused(validate(dir, "rubric: deep\nextends: builtin\ncriteria:\n" + "  ".repeat(1) + nestedMappings(200)));
    }

    private static String nestedMappings(int depth) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            out.append("  ".repeat(i + 1)).append("k").append(i).append(":\n");
        }
        return out.toString();
    }

    @Test
    void aliasAndMergeKeyBombsAreRefused(@TempDir Path dir) throws Exception {
        StringBuilder merge = new StringBuilder("rubric: bomb\nextends: builtin\na0: &a0 {x: 1, y: 2}\n");
        for (int i = 1; i < 40; i++) {
            merge.append("a").append(i).append(": &a").append(i).append(" {<<: [*a").append(i - 1).append(", *a").append(i - 1).append("]}\n");
        }
        assertRefused(validate(dir, merge.toString()), "aliases (*a0) are not supported");
        StringBuilder laughs = new StringBuilder("rubric: bomb\nextends: builtin\nsources:\n  - &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            laughs.append("  - &a").append(i).append(" [").append(("*a" + (i - 1) + ", ").repeat(8)).append("*a").append(i - 1).append("]\n");
        }
        assertRefused(validate(dir, laughs.toString()), "rubric.yaml:5:10: aliases (*a0) are not supported; write the value out");
    }

    @Test
    void textThatIsNotUtf8IsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rubric.yaml");
        Files.write(file, "rubric: caf\u00e9\nextends: builtin\n".getBytes(StandardCharsets.ISO_8859_1));
        assertRefused(Cli.run("rubric", "validate", file.toString()), "not valid UTF-8 text");
    }

    @Test
    void patternsThatWouldExhaustTheCompilerAreRefused(@TempDir Path dir) throws Exception {
        assertRefused(validate(dir, rubric("{python: '" + "(".repeat(6000) + "a" + ")".repeat(6000) + "'}")),
                "regular expression refused: groups nested deeper than 50 levels");
        assertRefused(validate(dir, rubric("{python: '((a{1000}){1000}){1000}'}")),
                "regular expression refused: counted repetitions expand it to more than 10000 instructions");
        assertRefused(validate(dir, rubric("{files: ['" + "{".repeat(100) + "a" + "}".repeat(100) + "']}")),
                "invalid glob", "braces nested deeper than 10 levels");
    }

    /**
     * The engine is RE2/J (linear time) behind a read-budgeted JDK engine: these patterns, on lines built to
     * make a backtracking engine explode, are answered, and the whole assessment ends.
     */
    @Test
    void catastrophicPatternsAndGlobsDoNotHangAScan(@TempDir Path dir, @TempDir Path rubricDir) throws Exception {
        Path rubric = rubricDir.resolve("hostile.yaml");
        Files.writeString(rubric, rubric(
                "{python: '^(a+)+$'}",
                "{python: '(a|aa)*c'}",
                "{python: 'a*a*a*a*a*a*a*a*c'}",
                "{text: '(x?){25}x{25}y'}",
                "{text: '.*.*.*.*.*.*z'}",
                "{python: '(?:(?:a|a)(?:a|a)){12}c'}",
                "{files: ['**a**a**a**a**a**a**a**c']}",
                "{python: '\\bfit\\(', paths: ['**/*a*a*a*a*a*a*a*c*']}"));
        String as = "a".repeat(1999);
        FixtureRepo.plain(dir)
                .file("hostile.py", ("x = '" + as + "'\n").repeat(200))
                .file("README.md", ("x".repeat(1999) + "\n").repeat(200))
                .file("a/".repeat(60) + "a".repeat(100) + ".py", "import torch\n");

        long start = System.nanoTime();
        Cli.Result r = Cli.run("assess", "--format", "json", "--rubric", rubric.toString(), dir.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"X-0\"", "\"X-7\"");
        // A hang guard, not a speed target: a backtracking engine would need years for one of these lines.
        assertThat(System.nanoTime() - start).isLessThan(300_000_000_000L);
    }
}
