package dev.mlproj.assess;

import dev.mlproj.rubric.Criterion;
import dev.mlproj.rubric.DefiningPractice;
import dev.mlproj.rubric.FocusArea;
import dev.mlproj.rubric.LevelDefinition;
import dev.mlproj.rubric.Rubric;
import dev.mlproj.scan.Evidence;
import dev.mlproj.scan.RepoFacts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
        Set<Integer> heldBelow = new HashSet<>();
        for (LevelDefinition def : rubric.levels()) {
            boolean defining = def.defining() == null || detectors.evaluate(def.defining().detect()).met();
            progress.add(progress(def, defining, results));
            if (def.defining() != null && def.defining().holdsWhen() != null && detectors.evaluate(def.defining().holdsWhen()).met()) {
                heldBelow.add(def.level());
            }
        }
        int level = mlProject ? levelOf(progress, heldBelow) : 0;
        boolean researchTrack = level == rubric.maxLevel() && level > 1 && !progress.get(level - 2).reached();
        List<CriterionResult> levelResults = results.stream().filter(r -> !r.criterion().isWalkthrough()).toList();
        List<CriterionResult> walkthrough = results.stream().filter(r -> r.criterion().isWalkthrough()).toList();
        return new Assessment(rubric, facts, mlProject, level, researchTrack, List.copyOf(progress),
                focus(results, EffortShares.of(facts), level, declaredFocus), roles(level, progress),
                levelResults, next(levelResults, level), gaps(levelResults, progress, level), walkthrough,
                weightedFraction(walkthrough), ScaffoldStatus.NONE, ConfigStatus.NONE, null);
    }

    /**
     * The highest level reached: its defining practice present and its own criteria at the threshold. The
     * levels below are not prerequisites (seed 000 defines each level by what the project does, and a served
     * model around a Kaggle dataset is a weak level 3, not a level 1); what they miss is reported as gaps.
     * A machine-learning project is at least level 1; a level whose defining practice says so is held one
     * level below when its criteria reach the threshold without the practice and the level below has its own
     * defining practice (or the level's {@code holdsWhen} holds), so that one file (a Procfile, the Dockerfile,
     * the service module) does not move the level by two.
     *
     * @param heldBelow the levels whose {@code holdsWhen} detector holds
     */
    private int levelOf(List<LevelProgress> progress, Set<Integer> heldBelow) {
        int level = 1;
        for (LevelProgress p : progress) {
            if (p.reached()) {
                level = Math.max(level, p.level());
            } else if (p.passed() && holdsLevelBelow(p.level()) && p.level() >= 2
                    && (progress.get(p.level() - 2).definingMet() || heldBelow.contains(p.level()))) {
                level = Math.max(level, p.level() - 1);
            }
        }
        return level;
    }

    /** The level's criteria without its defining practice still count as the level below (docs/levels.md). */
    private boolean holdsLevelBelow(int level) {
        DefiningPractice defining = rubric.level(level).defining();
        return defining != null && defining.holdsLevelBelow();
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

    private static LevelProgress progress(LevelDefinition def, boolean definingMet, List<CriterionResult> results) {
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
        return new LevelProgress(def.level(), def.name(), fraction, def.threshold(), passed, definingMet, metWeight, applicableWeight,
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
     * Unmet criteria of the next level: those its defining practice refers to first (without them no amount
     * of supporting practice reaches the level), then heaviest first, then by id. At the top level nothing is next.
     */
    private List<CriterionResult> next(List<CriterionResult> results, int level) {
        if (level >= rubric.maxLevel()) {
            return List.of();
        }
        int target = level + 1;
        Set<String> defining = definingCriteria(rubric.level(target));
        return results.stream()
                .filter(r -> r.criterion().level() == target)
                .filter(r -> r.outcome() == Outcome.UNMET || r.outcome() == Outcome.ERROR)
                .sorted(Comparator.comparingInt((CriterionResult r) -> defining.contains(r.criterion().id()) ? 0 : 1)
                        .thenComparing(Comparator.comparingInt((CriterionResult r) -> r.criterion().weight()).reversed())
                        .thenComparing(r -> r.criterion().id()))
                .toList();
    }

    /** Unmet criteria of the levels below the project's own that did not reach their threshold, lowest level first. */
    private static List<CriterionResult> gaps(List<CriterionResult> results, List<LevelProgress> progress, int level) {
        Set<Integer> weak = new LinkedHashSet<>();
        for (LevelProgress p : progress) {
            if (p.level() < level && !p.passed()) {
                weak.add(p.level());
            }
        }
        return results.stream()
                .filter(r -> weak.contains(r.criterion().level()))
                .filter(r -> r.outcome() == Outcome.UNMET || r.outcome() == Outcome.ERROR)
                .sorted(Comparator.comparingInt((CriterionResult r) -> r.criterion().level())
                        .thenComparing(Comparator.comparingInt((CriterionResult r) -> r.criterion().weight()).reversed())
                        .thenComparing(r -> r.criterion().id()))
                .toList();
    }

    /** The criteria a level's defining practice refers to; none when it has no defining practice. */
    static Set<String> definingCriteria(LevelDefinition level) {
        if (level.defining() == null) {
            return Set.of();
        }
        return Set.copyOf(level.defining().detect().referencedCriteria());
    }

    /**
     * Shares are the mean of two measures, each summing to one: coverage (met weight over available weight,
     * for the criteria up to the next level and the walkthrough ones, normalised so that an area with many
     * criteria in the rubric does not win merely by being large) and effort (the size of the files each
     * area's work lives in, {@link EffortShares}). Coverage alone when no file shows any area's work.
     */
    private FocusReport focus(List<CriterionResult> results, Map<String, Double> effort, int level, String declaredFocus) {
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
        boolean measured = effort.values().stream().anyMatch(v -> v > 0);
        for (var e : coverage.entrySet()) {
            double covered = total == 0 ? 0 : e.getValue() / total;
            // what the project achieved in each area, and where its files say the work went, count alike
            double share = measured ? (covered + effort.get(e.getKey())) / 2 : covered;
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

    /** Roles of every level reached, and of the project's own level. */
    private List<String> roles(int level, List<LevelProgress> progress) {
        List<String> roles = new ArrayList<>();
        for (LevelDefinition def : rubric.levels()) {
            boolean reached = progress.get(def.level() - 1).reached();
            if (def.level() == level || (def.level() < level && reached)) {
                roles.addAll(def.roles());
            }
        }
        return List.copyOf(new LinkedHashSet<>(roles));
    }
}
