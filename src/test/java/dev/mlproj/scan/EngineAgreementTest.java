package dev.mlproj.scan;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16.18: the line matcher (the JDK engine on a budget, its start positions and the literal prefilter in
 * front of it) must answer exactly as RE2/J, the engine of record, on any pattern a rubric may hold and any
 * line. Patterns are built from the constructs where the engines part (POSIX classes, \s, ., $, \b, (?i),
 * (?U), Unicode) mixed with ordinary ones; lines from an alphabet holding the characters they part on.
 */
class EngineAgreementTest {

    private static final List<String> ATOMS = List.of("a", "b", "_", "x", "K", "k", "\u00e9", "\u00c9", " ", "\\.", ".",
            "\\s", "\\S", "\\w", "\\W", "\\d", "\\b", "\\B", "[ab]", "[^a]", "[[:alpha:]]", "[[:space:]]", "[a-c_]", "[\\s]",
            "[^\\s]", "[a&&b]", "\\pL", "\\p{Greek}", "^", "$", "(?i)", "(?U)", "(?s)", "(?m)", "\\Qa.\\E", "\\x41", "\\z", "\\A");
    private static final List<String> QUANTIFIERS = List.of("", "", "", "*", "+", "?", "{1,2}", "*?", "+?");
    private static final List<Character> LINE_CHARS = List.of('a', 'b', 'x', '_', 'K', 'k', 'A', '1', ' ', '\t', '.',
            '\u000b', '\u000c', '\u0085', '\u2028', '\u2029', '\u00e9', '\u00c9', '\u212a', '\u017f', 's', 'S', '\u0391');

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> piece = Combinators.combine(Arbitraries.of(ATOMS), Arbitraries.of(QUANTIFIERS)).as((a, q) -> a + q);
        Arbitrary<String> sequence = piece.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("", l));
        return Arbitraries.oneOf(sequence, sequence.list().ofMinSize(2).ofMaxSize(3).map(l -> String.join("|", l)),
                sequence.map(s -> "(" + s + ")+x"), sequence.map(s -> "(?:" + s + "|b)$"));
    }

    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.of(LINE_CHARS).list().ofMaxSize(12).map(l -> {
            StringBuilder b = new StringBuilder();
            l.forEach(b::append);
            return b.toString();
        });
    }

    @Property(tries = 3000)
    void theLineMatcherAnswersAsRe2(@ForAll("patterns") String regex, @ForAll("lines") String line) {
        com.google.re2j.Pattern re2;
        try {
            re2 = com.google.re2j.Pattern.compile(regex);
        } catch (com.google.re2j.PatternSyntaxException e) {
            Assume.that(false); // the loader refuses it: not a rubric pattern
            return;
        }
        Assume.that(dev.mlproj.rubric.RegexLimits.problem(regex) == null); // refused at load, with its position
        boolean expected = re2.matcher(line).find();
        Statistics.label("match").collect(expected);

        assertThat(new LineMatcher(re2).find(line)).as("LineMatcher /%s/ on \"%s\"", regex, line).isEqualTo(expected);
        PatternSet set = new PatternSet(List.of(re2));
        PatternSet.Candidates candidates = set.candidates(line, new boolean[] {true});
        boolean viaSet = candidates.lines(0).get(0) && candidates.matches(0, 0, line);
        assertThat(viaSet).as("PatternSet /%s/ on \"%s\"", regex, line).isEqualTo(expected);
    }

    /** The reproductions of issue 16.18, each pinned. */
    @Test
    void theReportedDisagreementsAreGone() {
        assertAgree("[[:alpha:]]+_x", "b_x");
        assertAgree("b_x$", "b_x\u2028");
        assertAgree("a\\sb", "a\u000bb");
        assertAgree("(?U)\\w+\u00e9", "\u00e9\u00e9");
        assertAgree("(?i)k", "\u212a");
        assertAgree("\\bx", "\u00e9x");
        assertAgree("a.b", "a\u0085b");
        String longLine = "y".repeat(2500) + "b_x";
        assertAgree("[[:alpha:]]+_x", longLine);
        assertAgree("\\w+_x$", longLine);
        assertThat(dev.mlproj.rubric.RegexLimits.problem("a|^*_")).contains("the assertion '^' is repeated");
        assertThat(dev.mlproj.rubric.RegexLimits.problem("x\\b?y")).contains("the assertion '\\b' is repeated");
        assertThat(dev.mlproj.rubric.RegexLimits.problem("[$*]\\$*")).isNull();
    }

    private static void assertAgree(String regex, String line) {
        com.google.re2j.Pattern re2 = com.google.re2j.Pattern.compile(regex);
        assertThat(new LineMatcher(re2).find(line)).as("/%s/", regex).isEqualTo(re2.matcher(line).find());
    }
}
