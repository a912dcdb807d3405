package dev.mlproj.rubric;

/**
 * How criteria outcomes become a level, beside each level's own defining practice and threshold.
 *
 * @param mlProject unless met, the repository is level 0: not a machine-learning or data-science project
 */
public record LevelRule(Detector mlProject) {
}
