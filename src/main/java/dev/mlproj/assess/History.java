package dev.mlproj.assess;

import java.util.List;

/**
 * Levels over a repository's history: the sampled commits' verdicts, oldest first.
 *
 * @param path          the repository as given
 * @param rubric        the rubric id
 * @param maxLevel      the rubric's top level
 * @param totalCommits  commits on HEAD's first-parent history (touching the path), sampled or not
 * @param sampling      how the points were chosen, for people ("every commit", "20 evenly spaced", ...)
 * @param partial       a shallow clone: the history stops at the commits that were fetched
 */
public record History(String path, String rubric, int maxLevel, int totalCommits, String sampling, boolean partial,
                      List<HistoryPoint> points) {

    public History {
        points = List.copyOf(points);
    }
}
