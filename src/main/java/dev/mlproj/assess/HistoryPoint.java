package dev.mlproj.assess;

import java.time.Instant;
import java.util.List;

/**
 * The verdict at one commit of a repository's history, reduced to what a history shows, so that a thousand
 * points cost little memory (an {@link Assessment} holds every fact of its scan).
 *
 * @param commit         the full commit id
 * @param date           when it was committed
 * @param nextLevel      the level above {@code level} (the level itself at the top)
 * @param nextProgress   the fraction of {@code nextLevel}'s weight met (1 at the top)
 * @param files          the author's files at that commit
 * @param commits        commits in the history up to this one (touching the assessed path)
 * @param partial        the history behind this point is cut short (a shallow clone)
 */
public record HistoryPoint(String commit, Instant date, int level, String levelName, boolean researchTrack,
                           List<LevelProgress> progress, int nextLevel, double nextProgress, int files, int commits,
                           boolean partial) {

    public HistoryPoint {
        progress = List.copyOf(progress);
    }

    public static HistoryPoint of(String commit, Instant date, Assessment a) {
        String name = a.level() == 0 ? "Not a machine-learning project" : a.rubric().level(a.level()).name();
        int next = a.nextLevel();
        double nextProgress = a.atTop() ? 1.0 : a.progressOf(next).fraction();
        return new HistoryPoint(commit, date, a.level(), name, a.researchTrack(), a.progress(), next, nextProgress,
                a.facts().files().size(), a.facts().git().commits(), a.facts().git().partial());
    }

    public String shortCommit() {
        return commit.substring(0, Math.min(7, commit.length()));
    }
}
