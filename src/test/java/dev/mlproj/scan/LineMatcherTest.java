package dev.mlproj.scan;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineMatcherTest {

    @Test
    void nestedQuantifiersAreNotTame() {
        assertThat(LineMatcher.isTame("\\b(GridSearchCV|RandomizedSearchCV)\\b")).isTrue();
        assertThat(LineMatcher.isTame("\\.fit\\s*\\(|(_proba)?")).isTrue();
        assertThat(LineMatcher.isTame("(a+)+$")).isFalse();
        assertThat(LineMatcher.isTame("(a|aa)*b")).isFalse();
        assertThat(LineMatcher.isTame("((ab)*c)+")).isFalse();
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
