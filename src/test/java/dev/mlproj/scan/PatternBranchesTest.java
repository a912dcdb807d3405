package dev.mlproj.scan;

import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.testing.Assess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PatternBranchesTest {

    @Test
    void splitsAtTopLevelBarsOnly() {
        assertThat(PatternBranches.split("\\bfoo\\(|bar\\b|(x|y)z")).containsExactly("\\bfoo\\(", "bar\\b", "(x|y)z");
        assertThat(PatternBranches.split("(?i)canary|\\bshadow\\b")).containsExactly("(?i)canary", "(?i)\\bshadow\\b");
        assertThat(PatternBranches.split("[|a]b|c\\|d")).containsExactly("[|a]b", "c\\|d");
        assertThat(PatternBranches.split("(?:a|b)c")).containsExactly("(?:a|b)c");
        assertThat(PatternBranches.split("a(?i)b|c")).as("a flag set in the middle").containsExactly("a(?i)b|c");
        assertThat(PatternBranches.split("a||b")).as("an empty branch").containsExactly("a||b");
        assertThat(PatternBranches.split("\\Qa|b\\E|c")).containsExactly("\\Qa|b\\E|c");
        assertThat(PatternBranches.split("(?P<n>a|b)|c")).containsExactly("(?P<n>a|b)", "c");
        assertThat(PatternBranches.split("a)|b")).as("an unbalanced ')'").containsExactly("a)|b");
        assertThat(PatternBranches.split("(a|b")).as("a group never closed").containsExactly("(a|b");
        assertThat(PatternBranches.split("[[:alpha:]]|b")).as("a class not followed").containsExactly("[[:alpha:]]|b");
    }

    /** Searching branch by branch finds exactly what the whole pattern finds, for every built-in pattern. */
    @Test
    void theBranchesOfEveryBuiltInPatternFindWhatThePatternFinds() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".py") || p.toString().endsWith(".md")
                    || p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        assertThat(lines).hasSizeGreaterThan(2000);
        int split = 0;
        for (PatternQuery query : RubricLoader.queries(Assess.rubric())) {
            com.google.re2j.Pattern whole = query.pattern();
            List<String> parts = PatternBranches.split(whole.pattern());
            split += parts.size() > 1 ? 1 : 0;
            List<java.util.regex.Pattern> branches = parts.stream().map(java.util.regex.Pattern::compile).toList();
            for (String line : lines) {
                boolean expected = whole.matcher(line).find();
                boolean any = branches.stream().anyMatch(b -> b.matcher(line).find());
                assertThat(any).as("%s on %s", whole.pattern(), line).isEqualTo(expected);
            }
        }
        assertThat(split).as("patterns that are alternations").isGreaterThan(30);
    }
}
