package dev.mlproj.rubric;

/**
 * How criteria outcomes become a level.
 *
 * @param mlProject             unless met, the repository is level 0: not a machine-learning project
 * @param researchLevel         the research-track level (5), reachable without the levels between
 * @param researchRequiresLevel the level whose criteria (and those below) a research project still needs
 */
public record LevelRule(Detector mlProject, int researchLevel, int researchRequiresLevel) {
}
