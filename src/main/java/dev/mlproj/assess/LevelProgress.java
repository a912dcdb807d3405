package dev.mlproj.assess;

/**
 * How far a project is through one level: its criteria by weight, and its defining practice.
 *
 * @param fraction      met weight / applicable weight (1.0 when nothing applies)
 * @param passed        the fraction reaches the level's threshold
 * @param definingMet   the level's defining practice is present (true for a level that declares none)
 * @param missingWeight weight still needed to reach the threshold (0 when passed)
 */
public record LevelProgress(int level, String name, double fraction, double threshold, boolean passed, boolean definingMet,
                            int metWeight, int applicableWeight, int metCount, int applicableCount, int missingWeight) {

    /** The project is at this level or above: the defining practice is there and strong enough. */
    public boolean reached() {
        return passed && definingMet;
    }
}
