package dev.mlproj.rubric;

/**
 * One practice a project is judged on.
 *
 * @param level       1-5 for level criteria, 0 for walkthrough-readiness criteria (which never move the level)
 * @param why         why it matters, traceable to the seed sentence quoted in {@code source}
 * @param source      the seed document and sentence it comes from
 * @param detect      how it is recognised
 * @param appliesWhen when present and unmet, the criterion is not applicable
 * @param fix         how to satisfy it
 * @param scaffold    the template that lays it down, or null
 */
public record Criterion(String id, String title, int level, String focus, int weight, String why, String source,
                        String detection, Detector detect, Detector appliesWhen, String fix, String scaffold,
                        String file) {

    public boolean isWalkthrough() {
        return level == 0;
    }
}
