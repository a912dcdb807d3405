package dev.mlproj.scan;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineMatcherTest {

    @Test
    void onlyPatternsThatCannotBacktrackAreTame() {
        assertThat(LineMatcher.isTame("\\bmlflow\\.log_model\\(")).isTrue();
        assertThat(LineMatcher.isTame("(?i)[a-z]\\.fit\\(")).isTrue();
        assertThat(LineMatcher.isTame("[*+?|]literal")).isTrue();
        // Nested repetition: exponential.
        assertThat(LineMatcher.isTame("(a+)+$")).isFalse();
        assertThat(LineMatcher.isTame("(a|aa)*b")).isFalse();
        assertThat(LineMatcher.isTame("((ab)*c)+")).isFalse();
        // No nesting, and still polynomial of high degree or exponential in the pattern's length.
        assertThat(LineMatcher.isTame("a*a*a*a*a*a*b")).isFalse();
        assertThat(LineMatcher.isTame(".*.*.*.*x")).isFalse();
        assertThat(LineMatcher.isTame("a?".repeat(25) + "a".repeat(25))).isFalse();
        assertThat(LineMatcher.isTame("(a|a)".repeat(25) + "b")).isFalse();
        assertThat(LineMatcher.isTame("a{1,100}a{1,100}a{1,100}b")).isFalse();
        assertThat(LineMatcher.isTame("\\Q.*\\E")).isFalse();
    }

    /** Patterns that were once run without a budget: polynomial and exponential without nesting. */
    @Test
    void unnestedBacktrackingIsCutShortToo() {
        String[] patterns = {"a*a*a*a*a*a*b", ".*.*.*.*x", "a?".repeat(25) + "a".repeat(25), "(a|a)".repeat(25) + "b",
                "\\w*\\w*\\w*\\w*\\w*=", "(?i)x.*y.*z.*w.*v"};
        String hostile = "a".repeat(1999);
        long start = System.nanoTime();
        for (String p : patterns) {
            LineMatcher matcher = new LineMatcher(Pattern.compile(p));
            assertThat(matcher.find(hostile)).as(p).isEqualTo(Pattern.compile(p).matcher(hostile).find());
        }
        // A hang guard, not a speed target: without the budget these take hours to years.
        assertThat(System.nanoTime() - start).isLessThan(60_000_000_000L);
    }

    /** A catastrophic pattern on a hostile line still answers, correctly, through the linear-time engine. */
    @Test
    void catastrophicBacktrackingIsCutShort() {
        LineMatcher matcher = new LineMatcher(Pattern.compile("^(a+)+$"));
        String hostile = "a".repeat(1500) + "b";
        long start = System.nanoTime();
        assertThat(matcher.find(hostile)).isFalse();
        assertThat(matcher.find("a".repeat(40))).isTrue();
        // Not a timing assertion on the machine's speed: exponential backtracking would take years, not seconds.
        assertThat(System.nanoTime() - start).isLessThan(60_000_000_000L);
    }

    @Test
    void bothEnginesAgreeOnOrdinaryPatterns() {
        String[] patterns = {"\\bclass_weight\\s*=", "(?i)walk.?forward", "^\\s*\\|.*\\b(paper|ours)\\b.*\\|", "[''\"]/(health|ready)[''\"]"};
        String[] lines = {"clf = X(class_weight='balanced')", "Walk-Forward validation", "| Paper | 1.0 | Ours |", "@app.get('/health')", "nothing here"};
        for (String p : patterns) {
            LineMatcher matcher = new LineMatcher(Pattern.compile(p));
            for (String line : lines) {
                assertThat(matcher.find(line)).as(p + " on " + line).isEqualTo(Pattern.compile(p).matcher(line).find());
            }
        }
    }
}
