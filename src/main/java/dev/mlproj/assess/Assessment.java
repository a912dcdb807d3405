package dev.mlproj.assess;

import dev.mlproj.rubric.Rubric;
import dev.mlproj.scan.RepoFacts;

import java.util.List;

/**
 * The complete verdict on a repository.
 *
 * @param level       0-5; 0 means not a machine-learning project
 * @param researchTrack true when the level was reached through the research track
 * @param next        unmet criteria the next level needs, its defining practice first
 * @param gaps        unmet criteria of the levels below this one that did not reach their threshold: weaknesses
 *                    reported as such, never what decides the level
 * @param walkthrough the walkthrough-readiness criteria (seeds 001/002), which never move the level
 * @param scaffold    generated files still untouched, and whether they were discounted
 * @param config      the repository's own .mlproj.yaml as applied, or {@link ConfigStatus#NONE}
 * @param gate        the CI gate's verdict, or null when no gate was asked for
 */
public record Assessment(Rubric rubric, RepoFacts facts, boolean mlProject, int level, boolean researchTrack,
                         List<LevelProgress> progress, FocusReport focus, List<String> roles,
                         List<CriterionResult> results, List<CriterionResult> next, List<CriterionResult> gaps,
                         List<CriterionResult> walkthrough,
                         double walkthroughScore, ScaffoldStatus scaffold, ConfigStatus config, GateResult gate) {

    /** The same verdict with its scaffold provenance attached (the evaluator itself reads no files). */
    public Assessment withScaffold(ScaffoldStatus status) {
        return new Assessment(rubric, facts, mlProject, level, researchTrack, progress, focus, roles, results, next, gaps,
                walkthrough, walkthroughScore, status, config, gate);
    }

    /** The same verdict with the repository configuration it was made under. */
    public Assessment withConfig(ConfigStatus status) {
        return new Assessment(rubric, facts, mlProject, level, researchTrack, progress, focus, roles, results, next, gaps,
                walkthrough, walkthroughScore, scaffold, status, gate);
    }

    /** The same verdict with a CI gate's judgment of it. */
    public Assessment withGate(GateResult result) {
        return new Assessment(rubric, facts, mlProject, level, researchTrack, progress, focus, roles, results, next, gaps,
                walkthrough, walkthroughScore, scaffold, config, result);
    }

    public LevelProgress progressOf(int level) {
        return progress.stream().filter(p -> p.level() == level).findFirst().orElse(null);
    }

    public int nextLevel() {
        return Math.min(level + 1, rubric.maxLevel());
    }

    public boolean atTop() {
        return level >= rubric.maxLevel();
    }
}
