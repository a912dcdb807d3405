package dev.mlproj.scan;

import java.time.Instant;

/**
 * History metrics of the repository holding the scanned path, restricted to commits that touch it.
 *
 * @param repository   whether the path is inside a git work tree
 * @param commits      commits reachable from HEAD touching the path
 * @param activeWeeks  distinct ISO weeks with at least one such commit
 * @param partial      true for shallow clones, whose history is cut short
 * @param note         why git data is missing or partial, or null
 */
public record GitFacts(boolean repository, String head, int commits, int authors, int activeWeeks, int tags,
                       Instant firstCommit, Instant lastCommit, boolean partial, String note) {

    public static GitFacts none(String note) {
        return new GitFacts(false, null, 0, 0, 0, 0, null, null, false, note);
    }
}
