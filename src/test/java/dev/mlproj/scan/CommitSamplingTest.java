package dev.mlproj.scan;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommitSamplingTest {

    private static final Instant T0 = Instant.parse("2025-01-06T10:00:00Z");

    /** Commits on the given days after T0, named c0, c1, ... in history order. */
    private static List<CommitRef> onDays(long... days) {
        List<CommitRef> out = new ArrayList<>();
        for (int i = 0; i < days.length; i++) {
            out.add(new CommitRef("c" + i, T0.plusSeconds(days[i] * 86_400)));
        }
        return out;
    }

    private static List<String> ids(List<CommitRef> commits) {
        return commits.stream().map(CommitRef::id).toList();
    }

    @Test
    void evenlySpacedKeepsTheFirstAndTheLast() {
        List<CommitRef> ten = onDays(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

        assertThat(ids(CommitSampling.evenly(ten, 4))).containsExactly("c0", "c3", "c6", "c9");
        assertThat(ids(CommitSampling.evenly(ten, 3))).containsExactly("c0", "c5", "c9");
        assertThat(ids(CommitSampling.evenly(ten, 2))).containsExactly("c0", "c9");
        assertThat(ids(CommitSampling.evenly(ten, 1))).containsExactly("c9");
        assertThat(ids(CommitSampling.evenly(ten, 9))).hasSize(9).doesNotHaveDuplicates().startsWith("c0").endsWith("c9");
        assertThat(CommitSampling.evenly(ten, 10)).isEqualTo(ten);
        assertThat(CommitSampling.evenly(ten, 50)).isEqualTo(ten);
        assertThatThrownBy(() -> CommitSampling.evenly(ten, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyPeriodTakesItsLastCommit() {
        List<CommitRef> commits = onDays(0, 1, 2, 8, 9, 15, 30);

        // Weeks from the first commit's day: [0,7) -> c2, [7,14) -> c4, [14,21) -> c5, [28,35) -> c6.
        assertThat(ids(CommitSampling.lastPerPeriod(commits, Period.ofWeeks(1)))).containsExactly("c2", "c4", "c5", "c6");
        assertThat(ids(CommitSampling.lastPerPeriod(commits, Period.ofDays(14)))).containsExactly("c4", "c5", "c6");
        assertThat(ids(CommitSampling.lastPerPeriod(commits, Period.ofYears(1)))).containsExactly("c6");
        assertThat(ids(CommitSampling.lastPerPeriod(commits, Period.ofDays(1)))).containsExactly("c0", "c1", "c2", "c3", "c4", "c5", "c6");
    }

    @Test
    void monthsAreCalendarMonthsFromTheFirstDay() {
        Instant jan31 = Instant.parse("2025-01-31T12:00:00Z");
        List<CommitRef> commits = List.of(
                new CommitRef("jan31", jan31),
                new CommitRef("feb27", Instant.parse("2025-02-27T12:00:00Z")),
                new CommitRef("feb28", Instant.parse("2025-02-28T12:00:00Z")), // a month after Jan 31 is Feb 28
                new CommitRef("mar30", Instant.parse("2025-03-30T12:00:00Z")));

        assertThat(ids(CommitSampling.lastPerPeriod(commits, Period.ofMonths(1)))).containsExactly("feb27", "mar30");
    }

    @Test
    void clocksThatDisagreeStillGiveTheLastCommitOfTheHistory() {
        // c2 claims to be older than c0; the head is always kept.
        List<CommitRef> commits = onDays(10, 11, 3, 12);

        List<CommitRef> sample = CommitSampling.lastPerPeriod(commits, Period.ofWeeks(1));

        assertThat(ids(sample)).containsExactly("c3");
        assertThat(CommitSampling.lastPerPeriod(List.of(), Period.ofDays(1))).isEmpty();
        assertThatThrownBy(() -> CommitSampling.lastPerPeriod(commits, Period.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
