package dev.mlproj.batch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderboardTest {

    @Test
    void ranksByLevelThenProgressTowardsTheNextThenName() {
        String md = Leaderboard.render(List.of(
                Rows.assessed(1, "zed", 2, 1.0, 0.8, 0.30, 0.0, 0.0),
                Rows.failed(2, "broken", "/missing/broken: no such file or directory"),
                Rows.assessed(3, "amy", 2, 1.0, 0.9, 0.30, 0.0, 0.0),
                Rows.assessed(4, "bea", 3, 1.0, 1.0, 0.6, 0.1, 0.0),
                Rows.assessed(5, "cal", 2, 1.0, 0.7, 0.45, 0.0, 0.0),
                Rows.assessed(6, "top", 5, 1.0, 0.7, 0.1, 0.0, 0.9),
                Rows.assessed(7, "none", 0, 0.1, 0.0, 0.0, 0.0, 0.0)));
        assertThat(md).startsWith("# mlproj batch leaderboard\n\n7 repositories: 6 assessed, 1 error.\n");
        assertThat(md).contains("""
                | level | repositories |
                | --- | ---: |
                | 5 Level 5 name | 1 |
                | 3 Level 3 name | 1 |
                | 2 Level 2 name | 3 |
                | 0 Not a machine-learning project | 1 |
                | error | 1 |
                """);
        assertThat(md).contains("""
                | 1 | top | 5 | top | models | L6-a, L6-b | 0 |
                | 2 | bea | 3 | 10% of L4 | models | L4-a, L4-b | 0 |
                | 3 | cal | 2 | 45% of L3 | models | L3-a, L3-b | 0 |
                | 4 | amy | 2 | 30% of L3 | models | L3-a, L3-b | 0 |
                | 4 | zed | 2 | 30% of L3 | models | L3-a, L3-b | 0 |
                | 6 | none | 0 | 10% of L1 | - | L1-a, L1-b | 0 |
                """);
        assertThat(md).endsWith("""
                ## Errors

                | name | url | rev | reason |
                | --- | --- | --- | --- |
                | broken | /missing/broken |  | /missing/broken: no such file or directory |
                """);
    }

    @Test
    void untouchedScaffoldsAreMarkedAndRankAfterTheirLevelsOwnWork() {
        BatchResult skeleton = Rows.assessed(1, "skeleton", 4, 1.0, 1.0, 1.0, 1.0, 0.9);
        skeleton = new BatchResult(skeleton.row(), skeleton.name(), skeleton.url(), skeleton.rev(), skeleton.commit(), skeleton.level(),
                skeleton.levelName(), skeleton.progress(), skeleton.focus(), skeleton.shares(), skeleton.roles(), skeleton.next(), 23, "");
        String md = Leaderboard.render(List.of(skeleton, Rows.assessed(2, "own", 4, 1.0, 1.0, 1.0, 1.0, 0.1)));
        assertThat(md).contains("""
                | 1 | own | 4 | 10% of L5 | models | L5-a, L5-b | 0 |
                | 2 | skeleton | 4 | 90% of L5 | models | L5-a, L5-b | ⚠️ 23 |
                """);
        assertThat(md).contains("⚠️ 1 repository holds generated files nobody has changed");
        assertThat(Leaderboard.render(List.of(Rows.assessed(1, "own", 4, 1.0, 1.0, 1.0, 1.0, 0.1)))).doesNotContain("⚠️");
    }

    @Test
    void cellsCannotBreakTheTable() {
        String md = Leaderboard.render(List.of(Rows.failed(1, "a|b", "line one\nline two | more")));
        assertThat(md).contains("| a\\|b | /missing/a\\|b |  | line one line two \\| more |");
        assertThat(md).doesNotContain("## Ranking");
        assertThat(md).contains("1 repository: 0 assessed, 1 error.");
    }
}
