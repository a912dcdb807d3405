package dev.mlproj.assess;

import dev.mlproj.rubric.Criterion;
import dev.mlproj.rubric.FocusArea;
import dev.mlproj.rubric.LevelDefinition;
import dev.mlproj.rubric.Rubric;
import dev.mlproj.scan.Evidence;
import dev.mlproj.scan.RepoFacts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns facts into an assessment under a rubric: an outcome per criterion, the level, progress, focus,
 * roles and what the next level needs. Pure: everything it knows arrives as arguments.
 */
public final class Evaluator {

    private final Rubric rubric;

    public Evaluator(Rubric rubric) {
        this.rubric = rubric;
    }

    /** @param declaredFocus the focus the repository declares, or null to measure it */
    public Assessment evaluate(RepoFacts facts, String declaredFocus) {
        return evaluate(facts, declaredFocus, Map.of());
    }

    /**
     * @param waivers criteria the repository excuses, each with the evidence of its waiver (where it was
     *                written and why); a waived criterion that is met anyway stays met
     */
    public Assessment evaluate(RepoFacts facts, String declaredFocus, Map<String, Evidence> waivers) {
        Map<String, Verdict> verdicts = new HashMap<>();
        Map<String, Criterion> byId = rubric.byId();
        DetectorEvaluator[] holder = new DetectorEvaluator[1];
        holder[0] = new DetectorEvaluator(facts, id -> verdictOf(byId.get(id), holder[0], verdicts));
        DetectorEvaluator detectors = holder[0];

        List<CriterionResult> results = new ArrayList<>();
        for (Criterion c : rubric.criteria()) {
            results.add(result(c, detectors, verdicts, waivers.get(c.id())));
        }
        boolean mlProject = detectors.evaluate(rubric.rule().mlProject()).met();

        List<LevelProgress> progress = new ArrayList<>();
        for (LevelDefinition def : rubric.levels()) {
            progress.add(progress(def, results));
        }
        int ladder = 0;
        for (LevelProgress p : progress) {
            if (p.passed() && ladder == p.level() - 1) {
                ladder = p.level();
            }
        }
        int researchLevel = rubric.rule().researchLevel();
        boolean researchPassed = progress.stream().anyMatch(p -> p.level() == researchLevel && p.passed())
                && ladder >= rubric.rule().researchRequiresLevel();
        int level;
        boolean researchTrack = false;
        if (!mlProject) {
            level = 0;
        } else {
            level = Math.max(1, ladder); // a machine-learning project starts at level 1
            if (researchPassed && researchLevel > level) {
                level = researchLevel;
                researchTrack = true;
            }
        }
        List<CriterionResult> levelResults = results.stream().filter(r -> !r.criterion().isWalkthrough()).toList();
        List<CriterionResult> walkthrough = results.stream().filter(r -> r.criterion().isWalkthrough()).toList();
        return new Assessment(rubric, facts, mlProject, level, researchTrack, List.copyOf(progress),
                focus(results, level, declaredFocus), roles(level, ladder, researchTrack),
                levelResults, next(levelResults, progress, level), walkthrough, weightedFraction(walkthrough),
                ScaffoldStatus.NONE, ConfigStatus.NONE, null);
    }

    private static Verdict verdictOf(Criterion c, DetectorEvaluator detectors, Map<String, Verdict> cache) {
        Verdict cached = cache.get(c.id());
        if (cached != null) {
            return cached;
        }
        Verdict v = detectors.evaluate(c.detect());
        cache.put(c.id(), v);
        return v;
    }

    private static CriterionResult result(Criterion c, DetectorEvaluator detectors, Map<String, Verdict> cache, Evidence waiver) {
        if (c.appliesWhen() != null && !detectors.evaluate(c.appliesWhen()).met()) {
            return new CriterionResult(c, Outcome.NOT_APPLICABLE, List.of(), List.of());
        }
        Verdict v = verdictOf(c, detectors, cache);
        if (v.met()) {
            return new CriterionResult(c, Outcome.MET, v.evidence(), List.of());
        }
        if (waiver != null) {
            return new CriterionResult(c, Outcome.WAIVED, List.of(waiver), v.notCounted());
        }
        List<Evidence> errors = detectors.relevantErrors(c.detect());
        if (!errors.isEmpty()) {
            return new CriterionResult(c, Outcome.ERROR, errors, v.notCounted());
        }
        return new CriterionResult(c, Outcome.UNMET, List.of(), v.notCounted());
    }

    private static LevelProgress progress(LevelDefinition def, List<CriterionResult> results) {
        int metWeight = 0;
        int applicableWeight = 0;
        int metCount = 0;
        int applicableCount = 0;
        for (CriterionResult r : results) {
            if (r.criterion().level() != def.level() || !r.isApplicable()) {
                continue;
            }
            applicableWeight += r.criterion().weight();
            applicableCount++;
            if (r.isMet()) {
                metWeight += r.criterion().weight();
                metCount++;
            }
        }
        double fraction = applicableWeight == 0 ? 1.0 : (double) metWeight / applicableWeight;
        boolean passed = fraction + 1e-9 >= def.threshold();
        int needed = (int) Math.ceil(def.threshold() * applicableWeight - 1e-9);
        return new LevelProgress(def.level(), def.name(), fraction, def.threshold(), passed, metWeight, applicableWeight,
                metCount, applicableCount, Math.max(0, needed - metWeight));
    }

    private static double weightedFraction(List<CriterionResult> results) {
        int met = 0;
        int total = 0;
        for (CriterionResult r : results) {
            if (r.isApplicable()) {
                total += r.criterion().weight();
                met += r.isMet() ? r.criterion().weight() : 0;
            }
        }
        return total == 0 ? 0.0 : (double) met / total;
    }

    /**
     * Unmet criteria of every level up to the next one that has not passed, next level first, heaviest first.
     * At the top level nothing is next.
     */
    private List<CriterionResult> next(List<CriterionResult> results, List<LevelProgress> progress, int level) {
        if (level >= rubric.maxLevel()) {
            return List.of();
        }
        int target = level + 1;
        Set<Integer> blocking = new LinkedHashSet<>();
        blocking.add(target);
        for (LevelProgress p : progress) {
            if (p.level() < target && !p.passed()) {
                blocking.add(p.level());
            }
        }
        return results.stream()
                .filter(r -> blocking.contains(r.criterion().level()))
                .filter(r -> r.outcome() == Outcome.UNMET || r.outcome() == Outcome.ERROR)
                .sorted(Comparator.comparingInt((CriterionResult r) -> r.criterion().level() == target ? 1 : 0)
                        .thenComparing(Comparator.comparingInt((CriterionResult r) -> r.criterion().weight()).reversed())
                        .thenComparing(r -> r.criterion().id()))
                .toList();
    }

    /**
     * Shares are coverage (met weight over available weight, for the criteria up to the next level and the
     * walkthrough ones) normalised to sum to one, so an area with many criteria in the rubric does not win
     * merely by being large.
     */
    private FocusReport focus(List<CriterionResult> results, int level, String declaredFocus) {
        int horizon = Math.min(Math.max(level, 1) + 1, rubric.maxLevel());
        Map<String, int[]> weights = new LinkedHashMap<>();
        for (String area : Rubric.FOCUS_IDS) {
            weights.put(area, new int[2]);
        }
        for (CriterionResult r : results) {
            Criterion c = r.criterion();
            if (!r.isApplicable() || (!c.isWalkthrough() && c.level() > horizon)) {
                continue;
            }
            int[] w = weights.get(c.focus());
            w[1] += c.weight();
            if (r.isMet()) {
                w[0] += c.weight();
            }
        }
        Map<String, Double> coverage = new LinkedHashMap<>();
        double total = 0;
        for (var e : weights.entrySet()) {
            double cov = e.getValue()[1] == 0 ? 0 : (double) e.getValue()[0] / e.getValue()[1];
            coverage.put(e.getKey(), cov);
            total += cov;
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        String best = null;
        for (var e : coverage.entrySet()) {
            double share = total == 0 ? 0 : e.getValue() / total;
            shares.put(e.getKey(), share);
            if (share > 0 && (best == null || share > shares.get(best))) {
                best = e.getKey();
            }
        }
        boolean declared = declaredFocus != null;
        String dominant = declared ? declaredFocus : best;
        List<FocusReport.SplitComparison> comparison = new ArrayList<>();
        if (dominant != null) {
            FocusArea area = rubric.focusArea(dominant).orElse(null);
            if (area != null) {
                for (FocusArea.SplitRange range : area.split()) {
                    double actual = 0;
                    for (String a : range.areas()) {
                        actual += shares.getOrDefault(a, 0.0);
                    }
                    comparison.add(new FocusReport.SplitComparison(range.label(), range.min(), range.max(),
                            (int) Math.round(actual * 100)));
                }
            }
        }
        return new FocusReport(dominant, declared, shares, comparison);
    }

    /** Roles of every level climbed on the ladder, plus the research track's when reached that way. */
    private List<String> roles(int level, int ladder, boolean researchTrack) {
        List<String> roles = new ArrayList<>();
        int climbed = researchTrack ? ladder : level;
        for (LevelDefinition def : rubric.levels()) {
            if (def.level() <= climbed || (researchTrack && def.level() == level)) {
                roles.addAll(def.roles());
            }
        }
        return List.copyOf(new LinkedHashSet<>(roles));
    }
}
