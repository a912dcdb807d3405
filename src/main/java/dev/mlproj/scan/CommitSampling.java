package dev.mlproj.scan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Which commits of a history to assess: pure functions of the commits, oldest first. */
public final class CommitSampling {

    private CommitSampling() {
    }

    /**
     * At most {@code max} commits evenly spaced over the history (by position), always the first and the last;
     * with {@code max} 1, only the last.
     */
    public static List<CommitRef> evenly(List<CommitRef> commits, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        int n = commits.size();
        if (n <= max) {
            return List.copyOf(commits);
        }
        if (max == 1) {
            return List.of(commits.get(n - 1));
        }
        List<CommitRef> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            // Rounded i * (n - 1) / (max - 1): strictly increasing because n > max.
            long index = ((long) i * (n - 1) * 2 + (max - 1)) / (2L * (max - 1));
            out.add(commits.get((int) index));
        }
        return out;
    }

    /**
     * The last commit of each period, the periods laid end to end from the first commit's day (UTC). The last
     * commit of the history is always among them. Commits dated before the first one (clocks disagree) count
     * in the first period.
     */
    public static List<CommitRef> lastPerPeriod(List<CommitRef> commits, Period period) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be longer than zero");
        }
        if (commits.isEmpty()) {
            return List.of();
        }
        LocalDate anchor = day(commits.get(0).date());
        List<Instant> starts = new ArrayList<>(); // starts.get(k): where period k begins
        Instant latest = commits.stream().map(CommitRef::date).max(Instant::compareTo).orElseThrow();
        for (int k = 0; ; k++) {
            Instant start = anchor.plus(period.multipliedBy(k)).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (start.isAfter(latest)) {
                break;
            }
            starts.add(start);
        }
        int[] lastInPeriod = new int[starts.size()];
        java.util.Arrays.fill(lastInPeriod, -1);
        for (int i = 0; i < commits.size(); i++) {
            int k = Collections.binarySearch(starts, commits.get(i).date());
            k = k >= 0 ? k : Math.max(0, -k - 2);
            lastInPeriod[k] = i; // later on the branch wins
        }
        List<Integer> chosen = new ArrayList<>();
        for (int index : lastInPeriod) {
            if (index >= 0) {
                chosen.add(index);
            }
        }
        Collections.sort(chosen);
        return chosen.stream().map(commits::get).toList();
    }

    private static LocalDate day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
