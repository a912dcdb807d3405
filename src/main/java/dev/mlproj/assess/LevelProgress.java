package dev.mlproj.assess;

/**
 * How far a project is through one level's criteria, by weight.
 *
 * @param fraction      met weight / applicable weight (1.0 when nothing applies)
 * @param missingWeight weight still needed to reach the threshold (0 when passed)
 */
public record LevelProgress(int level, String name, double fraction, double threshold, boolean passed,
                            int metWeight, int applicableWeight, int metCount, int applicableCount, int missingWeight) {
}
