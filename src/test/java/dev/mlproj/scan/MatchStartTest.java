package dev.mlproj.scan;

import dev.mlproj.rubric.RubricLoader;
import dev.mlproj.testing.Assess;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MatchStartTest {

    @Test
    void findsWhereAMatchCanOnlyBegin() {
        assertThat(MatchStart.of("^\\s*HEALTHCHECK\\s+").lineStart()).isTrue();
        assertThat(MatchStart.of("\\bscore\\w*\\s*\\(").literals()).containsExactly("score");
        assertThat(MatchStart.of("\\.fit\\s*\\(").literals()).containsExactly(".fit");
        assertThat(MatchStart.of("\\b(train_test_split|random_split)\\s*\\(").literals())
                .containsExactly("train_test_split", "random_split");
        assertThat(MatchStart.of("\\b(?:LogisticRegression|RandomForest\\w*|XGB\\w+)\\s*\\(").literals())
                .containsExactly("LogisticRegression", "RandomForest", "XGB");
        assertThat(MatchStart.of("[(,]\\s*(val|valid)\\s*[,)]").literals()).containsExactly("(", ",");
        assertThat(MatchStart.of("ab?c").literals()).as("an optional character ends the run").containsExactly("a");
        assertThat(MatchStart.of("(ab)+c").literals()).as("a repeated group still opens the match").containsExactly("ab");
        assertThat(MatchStart.of("\\bdef\\s+\\w*split").literals()).containsExactly("def");
        assertThat(MatchStart.of("(?i)\\bAB_?test").literals()).as("case-insensitive: folded").containsExactly("ab");
    }

    @Test
    void caseInsensitiveLiteralsAreFoundWhateverTheirCase() {
        LineMatcher matcher = new LineMatcher(com.google.re2j.Pattern.compile("(?i)\\bz_?score"));
        assertThat(matcher.find("df['Z_Score'] = 1")).isTrue();
        assertThat(matcher.find("Über ZSCORE")).isTrue();
        assertThat(matcher.find("x_zscore")).isFalse();
        assertThat(MatchStart.foldAscii("ÀB-c")).isEqualTo("Àb-c");
    }

    @Test
    void givesUpOnAnythingElse() {
        for (String regex : List.of("(?s)\\bscore", "a|b", "\\bfoo|bar", "(a|\\w+)x", "(foo)?bar", "(foo)*bar",
                "(foo){0,2}bar", "[^a]x", "[a-z]x", "[\\w.]x", "\\w+foo", ".foo", "(\\b|_)x", "\\Qa\\E", "a?b",
                "a(?i)b", "(x|)y", "\\d+")) {
            assertThat(MatchStart.of(regex)).as(regex).isNull();
        }
    }

    @Test
    void aWordBoundaryBeforeTheLiteralJudgesTheCharacterBeforeIt() {
        LineMatcher matcher = new LineMatcher(com.google.re2j.Pattern.compile("\\bscore\\w*\\s*\\("));
        assertThat(matcher.find("x = zscore(a) + score (b)")).isTrue();
        assertThat(matcher.find("x = zscore(a)")).isFalse();
        assertThat(matcher.find("score(")).isTrue();
        LineMatcher anchored = new LineMatcher(com.google.re2j.Pattern.compile("^\\s*\\w+\\s*=\\s*Model\\("));
        assertThat(anchored.find("  m = Model(")).isTrue();
        assertThat(anchored.find("f(m = Model(")).isFalse();
    }

    /** Every built-in pattern that has a known start finds, on every line of the examples, what a full search finds. */
    @Test
    void agreesWithAFullSearchOnTheExamples() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".py") || p.toString().endsWith(".md")
                    || p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        int withStart = 0;
        for (String branch : BRANCHES) {
            if (MatchStart.of(branch) == null) {
                continue;
            }
            withStart++;
            LineMatcher matcher = new LineMatcher(com.google.re2j.Pattern.compile(branch));
            // RE2/J is the engine of record (issue 16.18): the JDK engine's \b counted é as a letter.
            com.google.re2j.Pattern full = com.google.re2j.Pattern.compile(branch);
            for (String line : lines) {
                assertThat(matcher.find(line)).as("%s on %s", branch, line).isEqualTo(full.matcher(line).find());
            }
        }
        assertThat(withStart).as("built-in branches with a known start").isGreaterThan(BRANCHES.size() / 2);
    }

    /** Lines made of the patterns' own literals, word pieces and punctuation, where the shortcut could go wrong. */
    @Property(tries = 300)
    void agreesWithAFullSearchOnLinesMadeOfThePatternsLiterals(@ForAll("lines") String line) {
        for (String branch : BRANCHES) {
            if (MatchStart.of(branch) != null) {
                LineMatcher matcher = new LineMatcher(com.google.re2j.Pattern.compile(branch));
                assertThat(matcher.find(line)).as("%s on %s", branch, line)
                        .isEqualTo(com.google.re2j.Pattern.compile(branch).matcher(line).find());
            }
        }
    }

    @Provide
    Arbitrary<String> lines() {
        Set<String> tokens = new LinkedHashSet<>(List.of(" ", "  ", "_", "x", "z", "=", "(", ")", ",", ".", ":", "'", "\"",
                "[", "]", "-", "#", "|", "1", "0.5", "\t", "é", "K", "S", "ſ", "\u212a"));
        for (String branch : BRANCHES) {
            MatchStart start = MatchStart.of(branch);
            if (start != null) {
                tokens.addAll(start.literals());
                start.literals().forEach(l -> tokens.add(l.toUpperCase(java.util.Locale.ROOT)));
            }
        }
        return Arbitraries.of(List.copyOf(tokens)).list().ofMaxSize(12).map(parts -> String.join("", parts));
    }

    private static final List<String> BRANCHES = builtInBranches();

    private static List<String> builtInBranches() {
        List<String> out = new ArrayList<>();
        for (PatternQuery query : RubricLoader.queries(Assess.rubric())) {
            out.addAll(PatternBranches.split(query.pattern().pattern()));
        }
        for (java.util.regex.Pattern role : PythonAnalyzer.ROLE_SIGNALS) {
            out.addAll(PatternBranches.split(role.pattern()));
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }
}
